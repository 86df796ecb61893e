import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { kpisByGroup, rollUp } from '../../case-reports/kpis-by-group.ts';
import { computeRanking, RANKING_LEVELS } from '../rankings.ts';
import { readScoreSettings } from '../settings.ts';
import { bottomThreeBefore, weekPeriod } from '../weeks.ts';

/**
 * 一周一评比 of a district for one ended week: scores, ranks and flags of its streets, communities and units,
 * stored once. The `score_weeks` row is inserted first: its unique (district, week) key makes a second
 * process's insert wait for this transaction and then do nothing, so a week is evaluated exactly once however
 * many processes try. Returns the week's id and whether this call made it.
 */
export async function evaluateWeek(
  db: Db,
  district: string,
  weekStart: string,
  now = new Date(),
): Promise<{ weekId: number; created: boolean }> {
  return db.transaction(async (tx) => {
    const settings = await readScoreSettings(tx);
    const week = await one<{ id: number }>(
      tx,
      sql`insert into score_weeks (district_code, week_start, settings)
          values (${district}, ${weekStart}, ${JSON.stringify(settings)}::jsonb)
          on conflict (district_code, week_start) do nothing returning id`,
    );
    if (!week) {
      const found = await one<{ id: number }>(
        tx,
        sql`select id from score_weeks where district_code = ${district} and week_start = ${weekStart}`,
      );
      return { weekId: found!.id, created: false };
    }
    const period = weekPeriod(weekStart);
    // one grouped scan for the areas: communities, summed up to streets
    const communities = await kpisByGroup(tx, { by: 'org', length: 12, under: district }, period, now);
    const known = { community: communities, street: rollUp(communities, 9), unit: undefined };
    for (const level of RANKING_LEVELS) {
      const last = await bottomThreeBefore(tx, district, weekStart, level);
      const q = { level, org: district, period, settings };
      const entries = await computeRanking(tx, q, last, now, known[level]);
      if (!entries.length) continue;
      await tx.execute(
        sql`insert into score_entries (week_id, level, peer_group, entity_key, name, score, grade, rank, of_count,
              volume, bottom_three, flag, reasons, unranked, rates)
            select ${week.id}, ${level}, e."peerGroup", e.key, e.name, e.score, e.grade, e.rank, e."of", e.volume,
              e."bottomThree", e.flag, array(select jsonb_array_elements_text(e.reasons)), e.unranked,
              coalesce(e.rates, '{}'::jsonb)
            from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as e(
              "peerGroup" text, key text, name text, score numeric, grade text, rank int, "of" int, volume int,
              "bottomThree" boolean, flag text, reasons jsonb, unranked text, rates jsonb)`,
      );
    }
    return { weekId: week.id, created: true };
  });
}
