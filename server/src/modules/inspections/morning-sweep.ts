import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { Sweep } from '../../infra/sweeps.ts';
import { loadCalendar } from '../calendar/load-calendar.ts';
import { districtDay } from '../case-reports/period.ts';
import { readSupervisionSettings } from '../supervision-settings/queries.ts';
import { planMorningInspections } from './commands/plan-morning.ts';

/**
 * Plans the day's 晨查 in every district once the district day has started, on working days, when the
 * standing plan is on. Each district's day is claimed (planMorningInspections), so every server process may
 * run this sweep; a pass after the day is planned costs one insert that finds its key taken, per district.
 */
export async function planMorningDue(db: Db, now = new Date()): Promise<number> {
  const { morning } = await readSupervisionSettings(db);
  if (!morning.enabled) return 0;
  const day = districtDay(now);
  const calendar = await loadCalendar(db);
  if (!calendar.isWorkday(day)) return 0;
  const districts = await rows<{ id: number }>(
    db,
    sql`select id from org_nodes where level = 'district' and valid_to is null
          and not exists (select 1 from morning_plans m where m.district_id = org_nodes.id and m.day = ${day}::date)
        order by code`,
  );
  let planned = 0;
  for (const d of districts) planned += await planMorningInspections(db, d, day, morning);
  return planned;
}

/** The 晨查 sweep: every five minutes, plans the day's morning inspections where not yet planned. */
export function morningInspectionSweep(db: Db, everyMs = 300_000): Sweep {
  return { name: 'morning-inspections', everyMs, run: () => planMorningDue(db) };
}
