import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { type Category, findCategory, listCategories } from '../categories/queries.ts';
import type { RequestFilter } from './params.ts';

/** A sub-category as a GeoReport service, with its top-level category as the group. */
export interface ServiceCategory extends Category {
  group: { nameZh: string; nameEn: string } | null;
}

// Care alerts (独居老人关爱预警) are raised by devices about vulnerable people: never a public service,
// never in a public request list.
const isService = (c: Category) => c.parentCode !== null && c.active && !c.isCareAlert;

/** The categories offered as services: active sub-categories under active top levels, care alerts excluded. */
export async function listServiceCategories(db: Db): Promise<ServiceCategory[]> {
  const all = await listCategories(db, { activeOnly: true });
  const tops = new Map(all.filter((c) => c.parentCode === null).map((c) => [c.code, c]));
  return all.filter(isService).map((c) => ({ ...c, group: tops.get(c.parentCode!) ?? null }));
}

/** One service by code, or null when it is no service (unknown, top level, inactive, care alert). */
export async function findServiceCategory(db: Db, code: string): Promise<ServiceCategory | null> {
  const c = await findCategory(db, code);
  if (!c || !isService(c)) return null;
  const top = await findCategory(db, c.parentCode!);
  if (!top?.active) return null;
  return { ...c, group: top };
}

/** When services or their definitions last changed (the discovery changeset). */
export async function servicesChangedAt(db: Db): Promise<Date | null> {
  return (await one<{ at: Date | null }>(db, sql`select max(updated_at) as at from categories`))?.at ?? null;
}

/** The jurisdiction this endpoint serves: the configured id, else the (first) district's code. */
export async function jurisdictionOf(db: Db, configured: string | null | undefined): Promise<string | null> {
  if (configured) return configured;
  const first = await one<{ code: string }>(
    db,
    sql`select code from org_nodes where level = 'district' order by code limit 1`,
  );
  return first?.code ?? null;
}

/** A case as GeoReport shows it: public fields only, never the reporter or internal notes. */
export interface RequestRow {
  id: number;
  state: string;
  rejectReason: string | null;
  /** the public note of the rejection, which the resident is shown */
  rejectNote: string | null;
  masterCaseId: number | null;
  categoryCode: string;
  categoryNameZh: string;
  categoryNameEn: string;
  description: string;
  unitName: string | null;
  unitNameEn: string | null;
  reportedAt: Date;
  closedAt: Date | null;
  rejectedAt: Date | null;
  replyDeadlineAt: Date | null;
  deadlineAt: Date | null;
  lastEventAt: Date | null;
  address: string | null;
  lng: number | null;
  lat: number | null;
  photoId: string | null;
  mediaUrl: string | null;
}

function selectRequests(db: Db, where: SQL, limit: number, offset: number): Promise<RequestRow[]> {
  return rows<RequestRow>(
    db,
    sql`select c.id, c.state, c.reject_reason as "rejectReason", c.master_case_id as "masterCaseId",
          (select e.reason from case_events e where e.case_id = c.id and e.action = 'reject' and e.public
            order by e.id desc limit 1) as "rejectNote",
          c.category_code as "categoryCode", k.name_zh as "categoryNameZh", k.name_en as "categoryNameEn",
          c.description, u.name as "unitName", u.name_en as "unitNameEn", c.reported_at as "reportedAt",
          c.closed_at as "closedAt", c.rejected_at as "rejectedAt", c.reply_deadline_at as "replyDeadlineAt",
          c.deadline_at as "deadlineAt",
          (select max(e.at) from case_events e where e.case_id = c.id) as "lastEventAt",
          c.address, st_x(c.location) as lng, st_y(c.location) as lat,
          (select p.id::text from case_photos p where p.case_id = c.id order by p.created_at, p.id limit 1) as "photoId",
          r.media_url as "mediaUrl"
        from cases c
        join categories k on k.code = c.category_code
        left join units u on u.id = c.unit_id
        left join open311_requests r on r.case_id = c.id
        where not k.is_care_alert and ${where}
        order by c.reported_at desc, c.id desc
        limit ${limit} offset ${offset}`,
  );
}

const CLOSED = sql`c.state in ('closed', 'rejected')`;
const inList = (values: (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The listed requests (GET requests with service_request_id, or one request), newest first. */
export function findRequestsByIds(db: Db, ids: number[]): Promise<RequestRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return selectRequests(db, sql`c.id in (${inList(ids)})`, ids.length, 0);
}

/** One page of requests matching a filter, newest first. */
export function searchRequests(db: Db, f: RequestFilter): Promise<RequestRow[]> {
  const conditions: SQL[] = [sql`c.reported_at >= ${f.start}`, sql`c.reported_at <= ${f.end}`];
  if (f.serviceCodes) conditions.push(sql`c.category_code in (${inList(f.serviceCodes)})`);
  if (f.statuses?.length === 1) conditions.push(f.statuses[0] === 'closed' ? CLOSED : sql`not ${CLOSED}`);
  return selectRequests(db, sql.join(conditions, sql` and `), f.pageSize, (f.page - 1) * f.pageSize);
}

/** The public events of the listed cases (the extensions' notes), oldest first per case. */
export async function publicEventsOf(
  db: Db,
  ids: number[],
): Promise<Map<number, { at: Date; action: string; reason: string | null }[]>> {
  const out = new Map<number, { at: Date; action: string; reason: string | null }[]>();
  if (!ids.length) return out;
  const list = await rows<{ caseId: number; at: Date; action: string; reason: string | null }>(
    db,
    sql`select case_id as "caseId", at, action, reason from case_events
        where public and case_id in (${inList(ids)}) order by case_id, id`,
  );
  for (const { caseId, ...e } of list) out.set(caseId, [...(out.get(caseId) ?? []), e]);
  return out;
}

/** The case id a token (the tracking code handed out at POST) stands for, or null. */
export async function caseIdOfToken(db: Db, token: string): Promise<number | null> {
  const row = await one<{ id: number }>(
    db,
    sql`select c.id from cases c join categories k on k.code = c.category_code
        where c.tracking_code = ${token.toUpperCase()} and not k.is_care_alert`,
  );
  return row?.id ?? null;
}
