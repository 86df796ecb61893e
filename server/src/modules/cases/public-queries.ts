import { type CaseState, INTERNAL_SOURCES, PUBLIC_EVENT_DATA, type PublicCaseField } from '@civicgrid/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { areaNameSql } from '../org/area-name.ts';

/**
 * The reads behind everything a non-staff caller receives (the tracking page, Open311, followers' notifications,
 * personal webhooks, public photos). They select public columns and public events only, so a column or a note
 * added to the case tables later stays internal until someone adds it here on purpose.
 */

/** A case as anyone may read it: exactly the fields of PUBLIC_CASE_FIELDS (a test holds the two together). */
export interface PublicCaseRow {
  id: number;
  state: CaseState;
  categoryCode: string;
  categoryNameZh: string;
  categoryNameEn: string;
  description: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  reportedAt: Date;
  /** the reply deadline the resident was told at filing */
  replyDeadlineAt: Date | null;
  closedAt: Date | null;
  rejectedAt: Date | null;
  rejectReason: string | null;
  /** the rejection's note, only when its author published it */
  rejectNote: string | null;
  masterCaseId: number | null;
  rating: 'satisfied' | 'basic' | 'dissatisfied' | null;
  /** the unit handling the case: the agency responsible */
  unitName: string | null;
  unitNameEn: string | null;
  /** the time of the latest public event */
  updatedAt: Date;
  /** the first photo of a public step */
  firstPhotoId: string | null;
  /** the media URL an Open311 client sent with the report */
  mediaUrl: string | null;
  /** the community and grid the place lies in (社区 · 网格), null outside every grid */
  areaName: string | null;
  areaNameEn: string | null;
}

const INTERNAL_SOURCE_LIST = sql.raw(INTERNAL_SOURCES.map((s) => `'${s}'`).join(', '));

/**
 * The condition for a case `c` with its category `k` to be public at all: not from an internal source
 * (暗访, 督查, 模拟测评, leader, device) and not a care alert about a vulnerable person.
 */
export const PUBLIC_CASE = sql`c.source not in (${INTERNAL_SOURCE_LIST}) and not k.is_care_alert`;

/** The condition for a photo `p` to be public: attached to a public step of a public case. */
export const PUBLIC_PHOTO = sql`exists (select 1 from case_events e join cases c on c.id = e.case_id
  join categories k on k.code = c.category_code where e.id = p.event_id and e.public and ${PUBLIC_CASE})`;

// Each public field and the only expression that fills it; `satisfies` refuses a key outside the allow-list.
const PUBLIC_CASE_COLUMNS = {
  id: sql`c.id`,
  state: sql`c.state`,
  categoryCode: sql`c.category_code`,
  categoryNameZh: sql`k.name_zh`,
  categoryNameEn: sql`k.name_en`,
  description: sql`c.description`,
  address: sql`c.address`,
  lng: sql`st_x(c.location)`,
  lat: sql`st_y(c.location)`,
  reportedAt: sql`c.reported_at`,
  replyDeadlineAt: sql`c.reply_deadline_at`,
  closedAt: sql`c.closed_at`,
  rejectedAt: sql`c.rejected_at`,
  rejectReason: sql`c.reject_reason`,
  rejectNote: sql`(select e.reason from case_events e
    where e.case_id = c.id and e.action = 'reject' and e.public and e.note_public order by e.id desc limit 1)`,
  masterCaseId: sql`c.master_case_id`,
  rating: sql`c.rating`,
  unitName: sql`u.name`,
  unitNameEn: sql`u.name_en`,
  updatedAt: sql`coalesce((select max(e.at) from case_events e where e.case_id = c.id and e.public), c.reported_at)`,
  firstPhotoId: sql`(select p.id::text from case_photos p join case_events e on e.id = p.event_id
    where p.case_id = c.id and e.public order by p.created_at, p.id limit 1)`,
  mediaUrl: sql`r.media_url`,
  areaName: sql`(select ${areaNameSql('zh')} from org_nodes g join org_nodes cm on cm.id = g.parent_id
    where g.id = c.grid_id)`,
  areaNameEn: sql`(select ${areaNameSql('en')} from org_nodes g join org_nodes cm on cm.id = g.parent_id
    where g.id = c.grid_id)`,
} satisfies Record<PublicCaseField, SQL>;

/** The public field names in the order the query selects them (for the allow-list test). */
export const PUBLIC_CASE_SELECTED = Object.keys(PUBLIC_CASE_COLUMNS) as PublicCaseField[];

const PUBLIC_CASE_SELECT = sql.join(
  Object.entries(PUBLIC_CASE_COLUMNS).map(([key, expr]) => sql`${expr} as ${sql.identifier(key)}`),
  sql`, `,
);

/** Public cases matching a condition on `c` (its category is `k`), newest first. */
export function selectPublicCases(
  db: Db,
  where: SQL,
  page: { limit: number; offset: number } = { limit: 1, offset: 0 },
): Promise<PublicCaseRow[]> {
  return rows<PublicCaseRow>(
    db,
    sql`select ${PUBLIC_CASE_SELECT}
        from cases c
        join categories k on k.code = c.category_code
        left join units u on u.id = c.unit_id
        left join open311_requests r on r.case_id = c.id
        where ${PUBLIC_CASE} and ${where}
        order by c.reported_at desc, c.id desc
        limit ${page.limit} offset ${page.offset}`,
  );
}

/** One public case by id, or null when there is none or it is not public (internal source, care alert). */
export async function findPublicCase(db: Db, id: number): Promise<PublicCaseRow | null> {
  return (await selectPublicCases(db, sql`c.id = ${id}`))[0] ?? null;
}

/** One public step of a public case: its note only when published, its data only the public keys. */
export interface PublicEvent {
  id: number;
  caseId: number;
  at: Date;
  action: string;
  fromState: CaseState | null;
  toState: CaseState;
  /** the step's note, only when its author published it (named as on the staff timeline) */
  reason: string | null;
  data: Record<string, unknown>;
}

const PUBLIC_DATA = sql.join(
  Object.entries(PUBLIC_EVENT_DATA).map(([key, from]) => sql`${key}::text, e.data -> ${from}::text`),
  sql`, `,
);

function selectPublicEvents(
  db: Db,
  where: SQL,
  order = sql`e.case_id, e.id`,
  page = sql``,
): Promise<PublicEvent[]> {
  return rows<PublicEvent>(
    db,
    sql`select e.id, e.case_id as "caseId", e.at, e.action, e.from_state as "fromState", e.to_state as "toState",
          case when e.note_public then e.reason end as reason, jsonb_strip_nulls(jsonb_build_object(${PUBLIC_DATA})) as data
        from case_events e
        join cases c on c.id = e.case_id
        join categories k on k.code = c.category_code
        where e.public and ${PUBLIC_CASE} and ${where}
        order by ${order} ${page}`,
  );
}

/**
 * Public steps of public cases in a time window [from, until), oldest first, one page of them; `also` narrows
 * further on `e` (the Open311 updates feed leaves out what a client posted itself).
 */
export function listPublicEventsBetween(
  db: Db,
  window: { from: Date; until: Date; also?: SQL },
  page: { limit: number; offset: number },
): Promise<PublicEvent[]> {
  return selectPublicEvents(
    db,
    sql`e.at >= ${window.from} and e.at < ${window.until} and ${window.also ?? sql`true`}`,
    sql`e.at, e.id`,
    sql`limit ${page.limit} offset ${page.offset}`,
  );
}

/** The public steps of public cases, oldest first per case. */
export function listPublicEvents(db: Db, caseIds: number[]): Promise<PublicEvent[]> {
  if (!caseIds.length) return Promise.resolve([]);
  // one array parameter, however many cases (an Open311 client may list tens of thousands)
  return selectPublicEvents(db, sql`e.case_id = any(${`{${caseIds.join(',')}}`}::int[])`);
}

/** One event as the public may see it, or null when the step or its case is internal. */
export async function findPublicEvent(db: Db, eventId: number): Promise<PublicEvent | null> {
  return (await selectPublicEvents(db, sql`e.id = ${eventId}`))[0] ?? null;
}

/** A photo of a public step, as the tracking page lists it. */
export interface PublicPhoto {
  id: string;
  kind: string;
  eventId: number;
}

/** The photos of a case's public steps in upload order (none for a case that is not public). */
export function listPublicPhotos(db: Db, caseId: number): Promise<PublicPhoto[]> {
  return rows<PublicPhoto>(
    db,
    sql`select p.id, p.kind, p.event_id as "eventId" from case_photos p
        where p.case_id = ${caseId} and ${PUBLIC_PHOTO} order by p.created_at, p.id`,
  );
}

/** Whether a photo is public (see PUBLIC_PHOTO). */
export async function isPublicPhoto(db: Db, photoId: string): Promise<boolean> {
  return !!(await one(
    db,
    sql`select 1 from case_photos p where p.id = ${photoId}::uuid and ${PUBLIC_PHOTO}`,
  ));
}
