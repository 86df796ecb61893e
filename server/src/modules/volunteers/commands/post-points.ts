import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';

/** Reasons that earn (or take back earned) points and so count on the leaderboards. */
const EARNING = ['service', 'report', 'report_reversal'];

export interface PointsEntry {
  volunteerId: number;
  delta: number;
  reason: 'service' | 'report' | 'report_reversal' | 'redemption' | 'adjustment';
  activityId?: number | null;
  caseId?: number | null;
  redemptionId?: number | null;
  hours?: number | null;
  actorId?: string | null;
  /** take back at most what the balance holds (a reversal after the points were spent) */
  clamp?: boolean;
}

/**
 * Writes one ledger row and moves the balance with it, inside the caller's transaction: the volunteer's row
 * is locked first, so two changes at once apply one after the other and the balance never goes below zero.
 * Returns the row's id, the delta applied and the balance after, or null when a debit exceeds the balance.
 * Earned points also go into the month's and the year's totals the leaderboards read.
 */
export async function postPoints(
  tx: Db,
  e: PointsEntry,
): Promise<{ id: number; delta: number; balance: number } | null> {
  const v = await one<{ points: number; orgCode: string }>(
    tx,
    sql`select points, org_code as "orgCode" from volunteers where id = ${e.volunteerId} for update`,
  );
  if (!v) return null;
  const delta = e.clamp ? Math.max(e.delta, -v.points) : e.delta;
  if (v.points + delta < 0) return null;
  await tx.execute(sql`update volunteers set points = points + ${delta} where id = ${e.volunteerId}`);
  const row = await one<{ id: number }>(
    tx,
    sql`insert into volunteer_points (volunteer_id, org_code, delta, balance, reason, activity_id, case_id,
          redemption_id, hours, actor_id)
        values (${e.volunteerId}, ${v.orgCode}, ${delta}, ${v.points + delta}, ${e.reason}, ${e.activityId ?? null},
          ${e.caseId ?? null}, ${e.redemptionId ?? null}, ${e.hours ?? null}, ${e.actorId ?? null})
        returning id`,
  );
  if (EARNING.includes(e.reason)) {
    await tx.execute(
      sql`insert into volunteer_points_monthly (volunteer_id, month, org_code, points, hours)
          values (${e.volunteerId}, date_trunc('month', now() at time zone 'Asia/Shanghai')::date, ${v.orgCode},
            ${delta}, ${e.hours ?? 0})
          on conflict (volunteer_id, month) do update
            set points = volunteer_points_monthly.points + excluded.points,
                hours = volunteer_points_monthly.hours + excluded.hours`,
    );
    await tx.execute(
      sql`insert into volunteer_points_yearly (volunteer_id, year, org_code, points, hours)
          values (${e.volunteerId}, extract(year from now() at time zone 'Asia/Shanghai')::int, ${v.orgCode}, ${delta},
            ${e.hours ?? 0})
          on conflict (volunteer_id, year) do update
            set points = volunteer_points_yearly.points + excluded.points,
                hours = volunteer_points_yearly.hours + excluded.hours`,
    );
  }
  return { id: row!.id, delta, balance: v.points + delta };
}
