import { type SQL, sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import {
  listPublicEvents,
  PUBLIC_CASE,
  type PublicCaseRow,
  type PublicEvent,
  selectPublicCases,
} from '../cases/public-queries.ts';
import { type Category, findCategory, listCategories } from '../categories/queries.ts';
import { type RequestFilter, secondAfter, wholeSecond } from './params.ts';

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

const CLOSED = sql`c.state in ('closed', 'rejected')`;
const inList = (values: (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * The listed requests (GET requests with service_request_id, or one request), newest first: public cases
 * only (see cases/public-queries.ts), so internal sources and care alerts are simply not found.
 */
export function findRequestsByIds(db: Db, ids: number[]): Promise<PublicCaseRow[]> {
  if (!ids.length) return Promise.resolve([]);
  // one array parameter: FixMyStreet sends tens of thousands of ids, beyond a statement's 65,535 parameters
  return selectPublicCases(db, sql`c.id = any(${`{${ids.join(',')}}`}::int[])`, {
    limit: ids.length,
    offset: 0,
  });
}

/** One page of public requests matching a filter, newest first. */
export function searchRequests(db: Db, f: RequestFilter): Promise<PublicCaseRow[]> {
  // both ends to the second, the end inclusive: times are shown to the second
  const conditions: SQL[] = [
    sql`c.reported_at >= ${wholeSecond(f.start)}`,
    sql`c.reported_at < ${secondAfter(f.end)}`,
  ];
  if (f.serviceCodes) conditions.push(sql`c.category_code in (${inList(f.serviceCodes)})`);
  if (f.statuses?.length === 1) conditions.push(f.statuses[0] === 'closed' ? CLOSED : sql`not ${CLOSED}`);
  return selectPublicCases(db, sql.join(conditions, sql` and `), {
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
}

/** The public steps of the listed cases (the extensions' notes), oldest first per case. */
export async function publicEventsOf(db: Db, ids: number[]): Promise<Map<number, PublicEvent[]>> {
  const out = new Map<number, PublicEvent[]>();
  for (const e of await listPublicEvents(db, ids)) out.set(e.caseId, [...(out.get(e.caseId) ?? []), e]);
  return out;
}

/** The case id a token (a tracking code) stands for, or null; only public cases. */
export async function caseIdOfToken(db: Db, token: string): Promise<number | null> {
  const row = await one<{ id: number }>(
    db,
    sql`select c.id from cases c join categories k on k.code = c.category_code
        where c.tracking_code = ${token.toUpperCase()} and ${PUBLIC_CASE}`,
  );
  return row?.id ?? null;
}
