import { sql } from 'drizzle-orm';
import { type Db, one } from '../../server/src/infra/db.ts';
import { issueBulletin } from '../../server/src/modules/bulletins/commands/issue-bulletin.ts';
import { districtDay } from '../../server/src/modules/case-reports/period.ts';
import { evaluateWeek } from '../../server/src/modules/scores/commands/evaluate-week.ts';
import { addDays, lastEndedWeek } from '../../server/src/modules/scores/weeks.ts';
import { fmt, line, verdict } from './report.ts';

/** The issue's goal for the district's daily bulletin, in seconds. */
export const BULLETIN_S = 5;

/**
 * Times what the supervision benches share, one line each: the district's daily bulletin for five past days
 * not issued yet, a street's, the weekly evaluation of an earlier week and its district bulletin. Each is
 * computed and stored once, and stored bulletins and weeks never change, so on a kept database each run goes
 * further back. Returns the week evaluated.
 */
export async function timeBulletinsAndWeek(db: Db, district: string, data: string): Promise<string> {
  const earliest = await one<{ day: string | null }>(
    db,
    sql`select to_char(min(period_from), 'YYYY-MM-DD') as day from bulletins where org_code = ${district} and kind = 'daily'`,
  );
  const today =
    earliest?.day && earliest.day < districtDay(new Date()) ? earliest.day : districtDay(new Date());
  const times: number[] = [];
  for (let i = 2; i <= 6; i++) {
    const day = addDays(today, -i);
    const t0 = performance.now();
    const r = await issueBulletin(db, { org: district, kind: 'daily', from: day, to: day });
    times.push(performance.now() - t0);
    if (!r.created) console.log(`  (bulletin of ${day} existed already)`);
  }
  const worst = Math.max(...times) / 1000;
  line(
    'district daily bulletin',
    `${times.map((t) => fmt(t / 1000, 2)).join(' / ')} s (5 days) — goal < ${BULLETIN_S} s: ${verdict(worst < BULLETIN_S)} · ${data}`,
  );
  const st0 = performance.now();
  await issueBulletin(db, {
    org: `${district}001`,
    kind: 'daily',
    from: addDays(today, -2),
    to: addDays(today, -2),
  });
  line('street daily bulletin', `${fmt((performance.now() - st0) / 1000, 2)} s · ${data}`);
  const firstWeek = await one<{ week: string | null }>(
    db,
    sql`select to_char(min(week_start), 'YYYY-MM-DD') as week from score_weeks where district_code = ${district}`,
  );
  const week = firstWeek?.week ? addDays(firstWeek.week, -7) : lastEndedWeek(new Date());
  const w0 = performance.now();
  const ev = await evaluateWeek(db, district, week);
  line(
    'weekly evaluation (3 levels)',
    `${fmt((performance.now() - w0) / 1000, 2)} s (created: ${ev.created}) · ${data}`,
  );
  const wb0 = performance.now();
  await issueBulletin(db, { org: district, kind: 'weekly', from: week, to: addDays(week, 6) });
  line('district weekly bulletin', `${fmt((performance.now() - wb0) / 1000, 2)} s · ${data}`);
  return week;
}
