import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { Sweep } from '../../infra/sweeps.ts';
import { loadCalendar } from '../calendar/load-calendar.ts';
import { districtDay } from '../case-reports/period.ts';
import { evaluateWeek } from '../scores/commands/evaluate-week.ts';
import { issueBulletin } from './commands/issue-bulletin.ts';
import { dueOn } from './schedule.ts';
import { readBulletinSettings } from './settings.ts';

/** The district's clock as HH:MM. */
const clockOf = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

/**
 * Issues what is due at `now` in every district: after the configured morning time on a working day, the
 * week's evaluation first (when a weekly bulletin is due), then the daily, weekly and monthly bulletins of the
 * district and of each street. Every step is exactly-once (evaluateWeek, issueBulletin), so every server
 * process may run this sweep; a pass that finds everything issued costs one lookup per bulletin.
 */
export async function issueDue(db: Db, now = new Date()): Promise<number> {
  const settings = await readBulletinSettings(db);
  if (clockOf(now) < settings.time) return 0;
  const calendar = await loadCalendar(db);
  const due = dueOn(districtDay(now), (d) => calendar.isWorkday(d));
  if (!due.length) return 0;
  const nodes = await rows<{ code: string; level: string }>(
    db,
    sql`select code, level from org_nodes where level in ('district', 'street') order by code`,
  );
  let issued = 0;
  for (const district of nodes.filter((n) => n.level === 'district')) {
    const weekly = due.find((b) => b.kind === 'weekly');
    if (weekly) await evaluateWeek(db, district.code, weekly.from, now);
    for (const node of nodes.filter((n) => n.code.startsWith(district.code))) {
      for (const b of due) {
        const r = await issueBulletin(db, { org: node.code, ...b }, now);
        if (r.created) issued++;
      }
    }
  }
  return issued;
}

/** The bulletin sweep: once a minute, issues whatever is due (see issueDue). */
export function bulletinSweep(db: Db, everyMs = 60_000): Sweep {
  return { name: 'bulletins', everyMs, run: () => issueDue(db) };
}
