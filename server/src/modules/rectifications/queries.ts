import type { RectificationRow as Row } from '@civicgrid/shared';

/** One row of the rectification list as the console, the print page and the export show it. */
export type RectificationRow = Row<Date>;

import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { rectificationVisibleSql } from '../inspections/inspection-access.ts';

/** Filters of the list: by inspection, by area (a street's or community's code), by unit, by state. */
export interface RectificationFilters {
  inspectionId?: number;
  orgCode?: string;
  unitId?: number;
  /** active (default): not yet struck off; overdue; struck_off; all */
  state?: 'active' | 'overdue' | 'struck_off' | 'all';
}

const TODAY = sql`(now() at time zone 'Asia/Shanghai')::date`;

/** The most rows a list counts; a larger total is reported as COUNT_CAP + 1 ("more than 10,000"). */
export const COUNT_CAP = 10_000;

const STATE = sql`case when r.struck_off_at is not null then 'struck_off'
  when c.state = 'closed' or (r.case_id is null and r.recheck_passed is false) then 'awaiting_recheck'
  when r.deadline_on < ${TODAY} then 'overdue' else 'open' end`;

const COLUMNS = sql`r.id, ${STATE} as state, (r.struck_off_at is null and r.deadline_on < ${TODAY}) as overdue,
  r.origin, r.origin_ref as "originRef", r.inspection_id as "inspectionId", i.title as "inspectionTitle",
  to_char(i.planned_on, 'YYYY-MM-DD') as "inspectedOn", p.name as "pointName", it.text_zh as "itemText",
  r.description, r.category_code as "categoryCode", cat.name_zh as "categoryNameZh",
  cat.name_en as "categoryNameEn", r.org_code as "orgCode", area.name as "areaName", st.name as "streetName",
  lu.display_name as "leaderName", r.unit_id as "unitId", u.name as "unitName",
  to_char(r.deadline_on, 'YYYY-MM-DD') as "deadlineOn", r.case_id as "caseId", c.state as "caseState",
  r.linked_existing as "linkedExisting", r.recheck_at as "recheckAt", r.recheck_passed as "recheckPassed",
  r.recheck_note as "recheckNote", r.struck_off_at as "struckOffAt", r.created_at as "createdAt"`;

const JOINS = sql`left join inspections i on i.id = r.inspection_id
  left join inspection_points p on p.id = r.point_id
  left join checklist_items it on it.id = r.item_id
  left join categories cat on cat.code = r.category_code
  left join org_nodes area on area.code = r.org_code
  left join org_nodes st on st.code = left(r.org_code, 9)
  left join users lu on lu.id = r.leader_id
  left join units u on u.id = r.unit_id
  left join cases c on c.id = r.case_id`;

function filterSql(f: RectificationFilters): SQL {
  const parts: SQL[] = [];
  if (f.inspectionId) parts.push(sql`r.inspection_id = ${f.inspectionId}`);
  if (f.orgCode) parts.push(sql`r.org_code like ${`${f.orgCode}%`}`);
  if (f.unitId) parts.push(sql`r.unit_id = ${f.unitId}`);
  const state = f.state ?? 'active';
  if (state === 'active') parts.push(sql`r.struck_off_at is null`);
  if (state === 'overdue') parts.push(sql`r.struck_off_at is null and r.deadline_on < ${TODAY}`);
  if (state === 'struck_off') parts.push(sql`r.struck_off_at is not null`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * A page of the rectification list the actor may read, earliest deadline first (then by id), after the row
 * `after` (keyset paging), with the total count of matching rows.
 */
export async function listRectifications(
  db: Db,
  actor: Actor,
  f: RectificationFilters,
  page: { limit: number; after?: { deadlineOn: string; id: number } | null },
): Promise<{ data: RectificationRow[]; total: number }> {
  const where = sql`${rectificationVisibleSql(actor)} and ${filterSql(f)}`;
  const after = page.after
    ? sql`and (r.deadline_on, r.id) > (${page.after.deadlineOn}::date, ${page.after.id})`
    : sql``;
  // the page's rows first (on the deadline indexes, stopping at `limit`), then what they show
  const [data, total] = await Promise.all([
    rows<RectificationRow>(
      db,
      sql`select ${COLUMNS}
          from (select r.* from rectifications r where ${where} ${after}
                order by r.deadline_on, r.id limit ${page.limit}) r ${JOINS}
          order by r.deadline_on, r.id`,
    ),
    // counted up to a cap: beyond it the list says "more than …" rather than scanning a year of rows
    one<{ n: number }>(
      db,
      sql`select count(*)::int as n from (select 1 from rectifications r where ${where} limit ${COUNT_CAP + 1}) x`,
    ),
  ]);
  return { data, total: total?.n ?? 0 };
}

/** One row the actor may read, or null. */
export function findRectification(db: Db, actor: Actor, id: number): Promise<RectificationRow | null> {
  return one<RectificationRow>(
    db,
    sql`select ${COLUMNS} from rectifications r ${JOINS} where r.id = ${id} and ${rectificationVisibleSql(actor)}`,
  );
}
