import type { InspectionSection } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { ratio } from '../case-reports/kpi-definitions.ts';

const WORST_ITEMS = 8;

/**
 * The inspections of a node over [start, end) for its bulletin. Only submitted inspections count, so an
 * unannounced visit (暗访) appears in a street's bulletin once it is submitted, never while it is planned.
 */
export async function inspectionSection(
  db: Db,
  q: { org: string; start: Date; end: Date; today: string },
): Promise<InspectionSection> {
  const under = `${q.org}%`;
  const S = sql`${q.start.toISOString()}::timestamptz`;
  const E = sql`${q.end.toISOString()}::timestamptz`;
  const submitted = sql`i.state = 'submitted' and i.submitted_at >= ${S} and i.submitted_at < ${E}`;
  const [kinds, items, worst, rect] = await Promise.all([
    rows<{ kind: string; n: number }>(
      db,
      sql`select i.kind, count(distinct i.id)::int as n from inspections i join inspection_stops s on s.inspection_id = i.id
          where ${submitted} and s.org_code like ${under} group by i.kind`,
    ),
    one<{ passed: number; failed: number }>(
      db,
      sql`select coalesce(sum(s.items_passed), 0)::int as passed, coalesce(sum(s.items_failed), 0)::int as failed
          from inspection_stops s join inspections i on i.id = s.inspection_id
          where ${submitted} and s.org_code like ${under}`,
    ),
    rows<{ text: string; failed: number }>(
      db,
      sql`select k.text_zh as text, count(*)::int as failed
          from inspection_answers a join inspection_stops s on s.id = a.stop_id
          join inspections i on i.id = s.inspection_id join checklist_items k on k.id = a.item_id
          where ${submitted} and s.org_code like ${under} and a.result = 'fail'
          group by k.text_zh order by failed desc, k.text_zh limit ${WORST_ITEMS}`,
    ),
    one<{ opened: number; struckOff: number; overdue: number }>(
      db,
      sql`select count(*) filter (where r.created_at >= ${S} and r.created_at < ${E})::int as opened,
            count(*) filter (where r.struck_off_at >= ${S} and r.struck_off_at < ${E})::int as "struckOff",
            count(*) filter (where r.struck_off_at is null and r.deadline_on < ${q.today}::date)::int as overdue
          from rectifications r where r.org_code like ${under}`,
    ),
  ]);
  const passed = items?.passed ?? 0;
  const failed = items?.failed ?? 0;
  return {
    byKind: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
    passRate: ratio(passed, passed + failed),
    failed,
    worstItems: worst,
    rectifications: rect ?? { opened: 0, struckOff: 0, overdue: 0 },
  };
}
