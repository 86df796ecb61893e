import type { Audience, IdKind, Markers } from './markers.ts';

/**
 * The leak check run on every answer of the matrix. Integer ids are compared by what their field names (so
 * a case id is never mistaken for an org node id that happens to have the same number); uuids, tracking
 * codes, handles, phones, names, notes, secrets and credentials are looked for as text anywhere in the body.
 */

/** Fields holding an id of one kind (a number, or its decimal text). */
const ID_FIELDS: Record<string, IdKind> = {
  caseId: 'case',
  masterId: 'case',
  masterCaseId: 'case',
  service_request_id: 'case',
  eventId: 'event',
  update_id: 'event',
  unitId: 'unit',
  firstUnitId: 'unit',
  gridId: 'org',
  orgNodeId: 'org',
  parentId: 'org',
  districtId: 'org',
  streetId: 'org',
  communityId: 'org',
  grantId: 'grant',
  webhookId: 'webhook',
  notificationId: 'notification',
  inspectionId: 'inspection',
  householdId: 'household',
  fromHouseholdId: 'household',
  toHouseholdId: 'household',
  personId: 'person',
  headPersonId: 'person',
  visitId: 'visit',
};
/** Fields holding a list of ids of one kind. */
const ID_LIST_FIELDS: Record<string, IdKind> = {
  unitIds: 'unit',
  coUnitIds: 'unit',
  streetIds: 'org',
  caseIds: 'case',
};
/** What the `id` of an object names, by the key the object sits under. */
const CONTAINERS: Record<string, IdKind | 'other'> = {
  path: 'org',
  grid: 'org',
  community: 'org',
  street: 'org',
  district: 'org',
  children: 'org',
  grants: 'grant',
  units: 'unit',
  unit: 'unit',
  events: 'event',
  timeline: 'event',
  cases: 'case',
  case: 'case',
  visits: 'visit',
  needs: 'need',
  members: 'person',
  // the audit log's own row numbers and an extension request's number name nothing of the world
  audit: 'other',
  extension: 'other',
  // an inspection's route (stops) and checklist items are read only within the inspection checked by its id
  route: 'other',
  items: 'other',
  point: 'point',
  inspection: 'inspection',
  // the people archive's rows (docs/people.md): scoped by their grid, checked by the archive's own fixtures
  building: 'other',
  house: 'other',
  // a building's flats (the buildings page): rows of no world kind
  houses: 'other',
  moves: 'other',
  tag: 'other',
  tags: 'other',
  // volunteers' rows (docs/volunteers.md): read only within the volunteer or activity checked by its org code
  stages: 'other',
  honours: 'other',
  ledger: 'other',
  activities: 'other',
  signups: 'other',
  mine: 'other',
};
/** What an audit row's entityId names, by its entity. */
const ENTITIES: Record<string, IdKind> = {
  case: 'case',
  webhook: 'webhook',
  unit: 'unit',
  open311_key: 'key',
};
/** Fields holding org codes. */
const CODE_FIELDS = new Set([
  'orgCode',
  'code',
  'scopeCode',
  'homeCode',
  'districtCode',
  'unitDistrictCode',
  'under',
  'org',
]);
/** Integer fields ending in Id that hold no id of the world (counts, cursors, sizes). */
const NOT_IDS = new Set([
  'nextCursor',
  'before',
  // the inspection point types and their checklist versions and items: reference data the same for everyone
  'pointTypeId',
  'currentVersionId',
  'versionId',
  'itemId',
  // a care device's building: buildings and their addresses are public (door plates print them)
  'buildingId',
  // volunteers' rows, each reached only through a volunteer, activity, team or goods the policy checked
  'volunteerId',
  'activityId',
  'signupId',
  'teamId',
  'goodsId',
]);

export interface LeakContext {
  markers: Markers;
  audience: Audience;
  /** what the `id` of `data` (or of its items) names; 'other' for rows of no world kind */
  dataKind?: IdKind | 'other';
  /** the request's URL and body: a value the caller sent is no leak when it comes back */
  echo: string;
  /** texts this answer may carry although the caller could not otherwise receive them (a reveal) */
  carries: ReadonlySet<string>;
  /** paths left out of the structured check, each with a reason at the fixture */
  ignore?: readonly string[];
}

const isInt = (v: unknown): v is number | string =>
  (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^[0-9]{1,10}$/.test(v));

/**
 * Finds what must not be in this answer (an empty list when it is clean), and every id it carries by kind
 * (`case:12`), for the fixtures that say what an answer must show.
 */
export function findLeaks(
  parsed: unknown,
  raw: string,
  ctx: LeakContext,
): { leaks: string[]; seen: Set<string> } {
  const out: string[] = [];
  const seen = new Set<string>();
  const checkId = (kind: IdKind | 'other' | undefined, value: number | string, path: string) => {
    if (kind === 'other') return;
    if (!kind) {
      out.push(`${path} = ${value}: an id of no known kind (classify it in authz/leaks.ts)`);
      return;
    }
    seen.add(`${kind}:${Number(value)}`);
    const m = ctx.markers.ids[kind].get(Number(value));
    if (m && !m.visible(ctx.audience)) out.push(`${path} = ${value}: ${m.label}`);
  };
  const walk = (v: unknown, path: string, container: string) => {
    if (ctx.ignore?.includes(path.replace(/\[\d+\]/g, '[]'))) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        walk(x, `${path}[${i}]`, container);
      });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const obj = v as Record<string, unknown>;
    for (const [k, val] of Object.entries(obj)) {
      const p = `${path}.${k}`;
      if (ctx.ignore?.includes(p.replace(/\[\d+\]/g, '[]'))) continue;
      if (k === 'id' && isInt(val)) {
        checkId(container === 'data' ? ctx.dataKind : CONTAINERS[container], val, p);
      } else if (ID_FIELDS[k] && isInt(val)) {
        checkId(ID_FIELDS[k], val, p);
      } else if (ID_LIST_FIELDS[k] && Array.isArray(val)) {
        for (const x of val) if (isInt(x)) checkId(ID_LIST_FIELDS[k], x, p);
      } else if (k === 'entityId' && isInt(val)) {
        checkId(ENTITIES[String(obj.entity)] ?? 'other', val, p);
      } else if (CODE_FIELDS.has(k) && typeof val === 'string' && /^[0-9]{6,15}$/.test(val)) {
        const m = ctx.markers.codes.get(val);
        if (m && !m.visible(ctx.audience) && !ctx.echo.includes(val)) out.push(`${p} = ${val}: ${m.label}`);
      } else if (/(Id|_id)$/.test(k) && isInt(val) && !NOT_IDS.has(k)) {
        out.push(`${p} = ${val}: an id field of no known kind (classify it in authz/leaks.ts)`);
      }
      // a GeoJSON feature's properties belong to the feature; anything else is a container of its own
      walk(val, p, k === 'properties' || k === 'features' ? container : k);
    }
  };
  walk(parsed, '$', 'data');
  for (const [text, m] of ctx.markers.texts) {
    if (!raw.includes(text) || ctx.echo.includes(text) || ctx.carries.has(text)) continue;
    if (!m.visible(ctx.audience)) out.push(`${m.label} (${text}) appears in the answer`);
  }
  return { leaks: out, seen };
}
