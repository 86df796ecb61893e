import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';

/** The district quarter (2026Q4) of a timestamp expression, in SQL. */
export const quarterOf = (at: SQL) => sql`to_char(${at} at time zone 'Asia/Shanghai', 'YYYY"Q"Q')`;

/**
 * Counts a visit in its household's quarter row (visit_quarters), inside the transaction recording it: the
 * first visit of the quarter adds the row, later ones raise its count. Coverage reads these rows.
 */
export async function countInQuarter(
  tx: Db,
  v: { householdId: number; orgCode: string; at: Date },
): Promise<void> {
  await tx.execute(
    sql`insert into visit_quarters (quarter, household_id, org_code, visits, first_at, last_at)
        values (${quarterOf(sql`${v.at}::timestamptz`)}, ${v.householdId}, ${v.orgCode}, 1, ${v.at}, ${v.at})
        on conflict (quarter, household_id) do update set visits = visit_quarters.visits + 1,
          first_at = least(visit_quarters.first_at, excluded.first_at),
          last_at = greatest(visit_quarters.last_at, excluded.last_at)`,
  );
}

/**
 * Rebuilds the quarter rows of the visits under an org code from the visits themselves, for visits written
 * in bulk (the demo seed, benchmarks) rather than one by one.
 */
export async function rebuildQuarters(db: Db, codePrefix: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from visit_quarters where org_code like ${`${codePrefix}%`}`);
    await tx.execute(
      sql`insert into visit_quarters (quarter, household_id, org_code, visits, first_at, last_at)
          select ${quarterOf(sql`visited_at`)}, household_id, (array_agg(org_code order by visited_at))[1],
            count(*), min(visited_at), max(visited_at)
          from visits where org_code like ${`${codePrefix}%`} group by 1, 2
          on conflict (quarter, household_id) do update set visits = excluded.visits,
            first_at = excluded.first_at, last_at = excluded.last_at`,
    );
  });
}
