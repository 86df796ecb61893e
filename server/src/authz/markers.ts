import { sql } from 'drizzle-orm';
import { type Db, rows } from '../infra/db.ts';
import type { FollowHandles } from '../modules/follows/handles.ts';
import { CALLERS, type CallerName } from './callers.ts';
import { onPath, type Reach, under } from './reach.ts';
import type { CaseKey, WorldCase } from './world-cases.ts';
import type { WorldObjects } from './world-objects.ts';
import type { People, Person } from './world-people.ts';

/** Kinds of integer ids the leak check tells apart by field name (uuids are matched as text). */
export type IdKind =
  | 'case'
  | 'event'
  | 'org'
  | 'unit'
  | 'grant'
  | 'webhook'
  | 'notification'
  | 'key'
  | 'delivery'
  // supervision (fixtures/inspections.ts registers their markers when it builds its objects)
  | 'inspection'
  | 'point'
  | 'rectification'
  | 'household'
  | 'person'
  | 'visit'
  | 'need';

/** Who receives an answer: the caller, and whether the route answers with the public presenter. */
export interface Audience {
  caller: CallerName;
  public: boolean;
}

/** Something of the world with its label (for failure messages) and who may receive it. */
export interface Marker {
  label: string;
  visible: (a: Audience) => boolean;
}

/** Every marker of the world: integer ids by kind, org codes, and texts (uuids, codes, phones, notes). */
export interface Markers {
  ids: Record<IdKind, Map<number, Marker>>;
  codes: Map<string, Marker>;
  texts: Map<string, Marker>;
}

const never = () => false;

/** Collects the markers of the world and the rules deciding who may receive each. */
export async function collectMarkers(
  db: Db,
  p: People,
  cases: Record<CaseKey, WorldCase>,
  objects: WorldObjects & { followerCode: string },
  reach: Record<CallerName, Reach>,
  handles: FollowHandles,
): Promise<Markers> {
  const m: Markers = {
    ids: {
      case: new Map(),
      event: new Map(),
      org: new Map(),
      unit: new Map(),
      grant: new Map(),
      webhook: new Map(),
      notification: new Map(),
      key: new Map(),
      delivery: new Map(),
      inspection: new Map(),
      point: new Map(),
      rectification: new Map(),
      household: new Map(),
      person: new Map(),
      visit: new Map(),
      need: new Map(),
    },
    codes: new Map(),
    texts: new Map(),
  };
  const r = (a: Audience) => reach[a.caller];
  const followed = cases.dispatched.id;

  // cases: staff holding them (area or unit), their reporter, their followers; public ones on public routes
  const holds = (a: Audience, c: WorldCase) =>
    under(c.orgCode, r(a).cases) || (r(a).unitId !== null && r(a).unitId === c.unitId);
  const near = (a: Audience, c: WorldCase) =>
    c.reporters.includes(a.caller) || (c.id === followed && a.caller !== 'anonymous');
  const sees = (a: Audience, c: WorldCase) => holds(a, c) || ((near(a, c) || a.public) && !c.internal);
  const byId = new Map<number, WorldCase>();
  for (const c of Object.values(cases)) {
    byId.set(c.id, c);
    const what = `case ${c.key} (${c.place}${c.internal ? ', internal source' : ''})`;
    m.ids.case.set(c.id, { label: what, visible: (a) => sees(a, c) });
    m.texts.set(handles.handleOf(c.id), { label: `handle of ${what}`, visible: (a) => sees(a, c) });
    m.texts.set(c.trackingCode, {
      label: `tracking code of ${what}`,
      visible: (a) => c.reporters.includes(a.caller),
    });
    if (c.reporterPhone) m.texts.set(c.reporterPhone, { label: `reporter phone of ${what}`, visible: never });
    if (c.reporterName) m.texts.set(c.reporterName, { label: `reporter name of ${what}`, visible: never });
    if (c.internal)
      m.texts.set(c.description, { label: `description of ${what}`, visible: (a) => holds(a, c) });
    const staffOnly = (a: Audience) => holds(a, c) && !a.public;
    c.notes.forEach((n, i) => {
      m.texts.set(n, { label: `internal note ${i + 1} of ${what}`, visible: staffOnly });
      m.texts.set(c.notePhones[i]!, {
        label: `phone in internal note ${i + 1} of ${what}`,
        visible: staffOnly,
      });
    });
  }
  const ids = [...byId.keys()];
  const inCases = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  // events and photos: public steps of public cases reach whoever sees the case; the others only staff
  const steps = await rows<{ id: number; caseId: number; public: boolean }>(
    db,
    sql`select id, case_id as "caseId", public from case_events where case_id in (${inCases})`,
  );
  const publicStep = new Map(steps.map((e) => [e.id, e.public]));
  const stepVisible = (c: WorldCase, isPublic: boolean) => (a: Audience) =>
    holds(a, c) || (isPublic && sees(a, c));
  for (const e of steps) {
    const c = byId.get(e.caseId)!;
    m.ids.event.set(e.id, {
      label: `${e.public ? 'public' : 'internal'} step of case ${c.key}`,
      visible: stepVisible(c, e.public),
    });
  }
  const photos = await rows<{ id: string; caseId: number; eventId: number | null }>(
    db,
    sql`select id, case_id as "caseId", event_id as "eventId" from case_photos where case_id in (${inCases})`,
  );
  for (const ph of photos) {
    const c = byId.get(ph.caseId)!;
    const isPublic = ph.eventId !== null && publicStep.get(ph.eventId) === true;
    m.texts.set(ph.id, { label: `photo of case ${c.key}`, visible: stepVisible(c, isPublic) });
  }

  // org nodes: the tree a caller reads (with the path above it); callers without one see A's, never B's
  const nodes = [p.a.district, ...p.a.streets, ...p.a.communities, ...p.a.grids];
  const foreignNodes = [p.b.district, ...p.b.streets, ...p.b.communities, ...p.b.grids];
  for (const n of nodes) {
    const mk = {
      label: `org node ${n.code} of A`,
      visible: (a: Audience) => !r(a).org.length || onPath(n.code, r(a).org),
    };
    m.ids.org.set(n.id, mk);
    m.codes.set(n.code, mk);
  }
  for (const n of foreignNodes) {
    const mk = { label: `org node ${n.code} of B`, visible: never };
    m.ids.org.set(n.id, mk);
    m.codes.set(n.code, mk);
  }
  m.ids.unit.set(p.units.own, { label: 'unit of A (own)', visible: () => true });
  m.ids.unit.set(p.units.sibling, { label: 'unit of A (sibling)', visible: () => true });
  m.ids.unit.set(p.units.foreign, { label: 'unit of B', visible: never });

  // people: oneself; whoever reads users where they live or hold grants; the org detail's grid workers
  const seesPerson = (a: Audience, u: Person) =>
    a.caller !== 'anonymous' &&
    (r(a).userId === u.id ||
      (u.district === 'A' && [u.homeCode, ...u.grantCodes].some((code) => under(code, r(a).users))));
  const listed = (a: Audience, u: Person) =>
    u.district === 'A' && u.gridNodeIds.length > 0 && u.grantCodes.some((code) => onPath(code, r(a).org));
  const people = Object.entries(p.person) as [string, Person][];
  for (const [name, u] of people) {
    m.texts.set(u.id, { label: `user ${name}`, visible: (a) => seesPerson(a, u) || listed(a, u) });
    if (u.phone) m.texts.set(u.phone, { label: `phone of user ${name}`, visible: (a) => seesPerson(a, u) });
    // a resident's or volunteer's name is a private person's: no timeline or case view may show it
    if (name === 'resident' || name === 'volunteer') {
      m.texts.set(u.displayName, { label: `name of user ${name}`, visible: (a) => seesPerson(a, u) });
    }
  }
  // the grants and notifications of the world's people, by their rows' ids
  const ofPeople = (table: 'grants' | 'notifications') =>
    rows<{ id: number; userId: string }>(
      db,
      sql`select id, user_id as "userId" from ${sql.raw(table)} where user_id in (${sql.join(
        people.map(([, u]) => sql`${u.id}::uuid`),
        sql`, `,
      )})`,
    );
  const grants = await ofPeople('grants');
  const personById = new Map(people.map(([name, u]) => [u.id, { name, u }]));
  for (const g of grants) {
    const { name, u } = personById.get(g.userId)!;
    m.ids.grant.set(g.id, { label: `grant of user ${name}`, visible: (a) => seesPerson(a, u) });
  }
  const notes = await ofPeople('notifications');
  for (const n of notes) {
    const { name } = personById.get(n.userId)!;
    m.ids.notification.set(n.id, {
      label: `notification of user ${name}`,
      visible: (a) => r(a).userId === n.userId,
    });
  }

  // hooks, keys and tokens: their managers and owners; their secrets never again
  for (const [name, hook] of Object.entries(objects.hooks)) {
    const visible = (a: Audience) =>
      hook.managedBy === 'district_admin' ? r(a).admin : a.caller === hook.managedBy;
    m.ids.webhook.set(hook.id, { label: `webhook ${name}`, visible });
    if (hook.secret) m.texts.set(hook.secret, { label: `secret of webhook ${name}`, visible: never });
    const deliveries = await rows<{ id: number }>(
      db,
      sql`select id from webhook_deliveries where webhook_id = ${hook.id}`,
    );
    for (const d of deliveries) m.ids.delivery.set(d.id, { label: `delivery of webhook ${name}`, visible });
  }
  m.ids.key.set(objects.keys.own.id, { label: 'Open311 key of A', visible: (a) => r(a).admin });
  m.ids.key.set(objects.keys.foreign.id, { label: 'Open311 key of B', visible: never });
  for (const [name, k] of Object.entries(objects.keys)) {
    m.texts.set(k.key, { label: `Open311 key ${name}`, visible: never });
  }
  for (const [name, t] of Object.entries(objects.tokens)) {
    const owner = personById.get(t.ownerId)!.u;
    m.texts.set(t.id, {
      label: `bearer token ${name}`,
      visible: (a) => r(a).userId === t.ownerId || (r(a).admin && owner.district === 'A'),
    });
    m.texts.set(t.token, { label: `bearer token ${name} itself`, visible: never });
  }
  m.texts.set(objects.followerCode, { label: 'an anonymous follower code', visible: never });
  // every caller's own session token is a credential too
  for (const c of CALLERS) {
    const cred = p.callers[c].headers.cookie?.split('=')[1] ?? p.callers[c].headers.authorization?.slice(7);
    if (cred) m.texts.set(cred, { label: `the session of ${c}`, visible: never });
  }
  return m;
}
