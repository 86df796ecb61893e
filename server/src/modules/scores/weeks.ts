import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { dayStart, districtDay } from '../case-reports/period.ts';
import type { RankingEntry, RankingLevel } from './rankings.ts';

/** The Monday (YYYY-MM-DD) of the district week holding a day. */
export function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** A day plus n days, as YYYY-MM-DD. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The week [Monday, Sunday] as a KPI period of whole district days. */
export function weekPeriod(weekStart: string) {
  const to = addDays(weekStart, 6);
  return { from: weekStart, to, start: dayStart(weekStart)!, end: dayStart(addDays(weekStart, 7))! };
}

/** The last week that has ended at `now` (its Monday). */
export function lastEndedWeek(now: Date): string {
  return addDays(mondayOf(districtDay(now)), -7);
}

interface EntryRow {
  key: string;
  name: string;
  peerGroup: string;
  score: number | null;
  grade: RankingEntry['grade'];
  rank: number | null;
  of: number;
  volume: number;
  bottomThree: boolean;
  flag: RankingEntry['flag'];
  reasons: RankingEntry['reasons'];
  unranked: RankingEntry['unranked'];
  rates: RankingEntry['rates'];
}

/** The stored evaluation of a week for a district, if it was made. */
export function findWeek(db: Db, district: string, weekStart: string) {
  return one<{ id: number; settings: { minCases: number } }>(
    db,
    sql`select id, settings from score_weeks where district_code = ${district} and week_start = ${weekStart}`,
  );
}

/** The stored entries of a week at a level, under an org node (units: all of the district). */
export function weekEntries(
  db: Db,
  weekId: number,
  level: RankingLevel,
  org: string,
): Promise<RankingEntry[]> {
  const under = level === 'unit' ? sql`true` : sql`entity_key like ${`${org}%`}`;
  return rows<EntryRow>(
    db,
    sql`select entity_key as key, name, peer_group as "peerGroup", score::float8 as score, grade, rank,
          of_count as of, volume, bottom_three as "bottomThree", flag, reasons, unranked, rates
        from score_entries where week_id = ${weekId} and level = ${level} and ${under}
        order by peer_group, rank nulls last, entity_key`,
  );
}

/** The keys in the bottom three of the stored week before `weekStart`, for the two-week black-flag rule. */
export async function bottomThreeBefore(
  db: Db,
  district: string,
  weekStart: string,
  level: RankingLevel,
): Promise<Set<string>> {
  const found = await rows<{ key: string }>(
    db,
    sql`select e.entity_key as key from score_entries e join score_weeks w on w.id = e.week_id
        where w.district_code = ${district} and w.week_start = ${addDays(weekStart, -7)}::date
          and e.level = ${level} and e.bottom_three`,
  );
  return new Set(found.map((r) => r.key));
}

/** The flag history of one entity or of a level: the weeks it held a red or black flag, newest first. */
export function flagHistory(
  db: Db,
  q: { district: string; level: RankingLevel; key?: string; limit: number },
) {
  return rows<{
    weekStart: string;
    key: string;
    name: string;
    flag: 'red' | 'black';
    score: number | null;
    reasons: string[];
  }>(
    db,
    sql`select to_char(w.week_start, 'YYYY-MM-DD') as "weekStart", e.entity_key as key, e.name, e.flag,
          e.score::float8 as score, e.reasons
        from score_entries e join score_weeks w on w.id = e.week_id
        where w.district_code = ${q.district} and e.level = ${q.level} and e.flag is not null
          ${q.key ? sql`and e.entity_key = ${q.key}` : sql``}
        order by w.week_start desc, e.flag desc, e.rank limit ${q.limit}`,
  );
}
