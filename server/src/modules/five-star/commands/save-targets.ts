import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';

/** Sets how many branches of a street should hold at least 3, 4 and 5 stars in a year (null clears one). */
export async function saveTargets(
  db: Db,
  streetCode: string,
  year: number,
  targets: { stars: number; branches: number | null }[],
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const t of targets) {
      await tx.execute(
        t.branches === null
          ? sql`delete from five_star_targets where street_code = ${streetCode} and year = ${year} and stars = ${t.stars}`
          : sql`insert into five_star_targets (street_code, year, stars, branches)
                values (${streetCode}, ${year}, ${t.stars}, ${t.branches})
                on conflict (street_code, year, stars) do update set branches = excluded.branches`,
      );
    }
  });
}
