import type { CaseAction } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { readVolunteerSettings } from '../config.ts';
import { postPoints } from './post-points.ts';

/**
 * The case workflow's hook for volunteer reports, run inside the transition's transaction. A case reported by
 * a volunteer's login (a volunteer report) earns points when it is filed as valid (立案), at most
 * `reportDailyCap` reports a day; when such a case is later rejected or merged into another, a reversal row
 * takes the points back (at most what the balance still holds, since a balance never goes below zero).
 */
export async function reportPoints(tx: Db, caseId: number, action: CaseAction | string): Promise<void> {
  if (action !== 'file' && action !== 'reject' && action !== 'merge') return;
  const v = await one<{ id: number }>(
    tx,
    sql`select v.id from cases c join volunteers v on v.user_id = c.reporter_id
        where c.id = ${caseId} and v.stage <> 'retired'`,
  );
  if (!v) return;
  // the volunteer's row lock orders this against their other filings, so the daily cap holds at once too
  await tx.execute(sql`select id from volunteers where id = ${v.id} for update`);
  const grant = await one<{ delta: number; reversed: boolean }>(
    tx,
    sql`select delta, exists (select 1 from volunteer_points r where r.case_id = ${caseId}
          and r.reason = 'report_reversal') as reversed
        from volunteer_points where case_id = ${caseId} and reason = 'report'`,
  );
  if (action !== 'file') {
    if (grant && !grant.reversed && grant.delta > 0) {
      await postPoints(tx, {
        volunteerId: v.id,
        delta: -grant.delta,
        reason: 'report_reversal',
        caseId,
        clamp: true,
      });
    }
    return;
  }
  if (grant) return;
  const s = await readVolunteerSettings(tx);
  const today = await one<{ n: number }>(
    tx,
    sql`select count(*)::int as n from volunteer_points
        where volunteer_id = ${v.id} and reason = 'report'
          and created_at >= date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai'`,
  );
  if (today!.n >= s.reportDailyCap || s.pointsPerReport <= 0) return;
  await postPoints(tx, { volunteerId: v.id, delta: s.pointsPerReport, reason: 'report', caseId });
}
