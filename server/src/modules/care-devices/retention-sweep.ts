import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import type { Sweep } from '../../infra/sweeps.ts';

/** The settings row holding the retention of raw sightings: `{"days": 30}`. */
export const RETENTION_SETTING = 'care_sighting_retention';
export const DEFAULT_RETENTION_DAYS = 30;

/** Days raw sightings are kept: the setting's, at least 1, 30 without one. */
export async function retentionDays(db: Db): Promise<number> {
  const row = await one<{ days: unknown }>(
    db,
    sql`select value->'days' as days from settings where key = ${RETENTION_SETTING}`,
  );
  const days = Number(row?.days);
  return Number.isInteger(days) && days >= 1 ? days : DEFAULT_RETENTION_DAYS;
}

let cached: { days: number; until: number } | null = null;

/**
 * The retention as ingest needs it on every batch: read at most once a minute per process (a changed setting
 * reaches ingest within a minute; the sweep itself always reads it afresh).
 */
export async function cachedRetentionDays(db: Db, now = Date.now()): Promise<number> {
  if (!cached || cached.until < now) cached = { days: await retentionDays(db), until: now + 60_000 };
  return cached.days;
}

/**
 * Folds raw sightings older than the retention into daily presence (person, day in China time, count,
 * first and last seen) and deletes them, up to `batch` rows per call, in one statement: the rows deleted
 * are exactly the rows added, and `for update skip locked` gives each row to one sweeping process only, so
 * nothing is counted twice or lost. Returns how many sightings were folded (of one area's persons only,
 * by org-code prefix, when given).
 */
export async function foldOldSightings(
  db: Db,
  now = new Date(),
  batch = 5_000,
  opts: { orgPrefix?: string } = {},
): Promise<number> {
  const days = await retentionDays(db);
  // tests sweep their own district only: other tests' sightings share the database
  const area = opts.orgPrefix
    ? sql`and person_id in (select p.id from persons p join org_nodes g on g.id = p.grid_id
            where g.code like ${`${opts.orgPrefix}%`})`
    : sql``;
  const r = await one<{ n: number }>(
    db,
    sql`with gone as (
          delete from care_sightings where id in (
            select id from care_sightings
            where seen_at < ${now}::timestamptz - make_interval(days => ${days}::int) ${area}
            order by id limit ${batch}::int for update skip locked)
          returning person_id, seen_at),
        daily as (
          select person_id, (seen_at at time zone 'Asia/Shanghai')::date as day, count(*)::int as n,
            min(seen_at) as first_seen, max(seen_at) as last_seen
          from gone group by 1, 2),
        folded as (
          insert into care_presence_daily (person_id, day, sightings, first_seen_at, last_seen_at)
          select person_id, day, n, first_seen, last_seen from daily
          on conflict (person_id, day) do update set
            sightings = care_presence_daily.sightings + excluded.sightings,
            first_seen_at = least(care_presence_daily.first_seen_at, excluded.first_seen_at),
            last_seen_at = greatest(care_presence_daily.last_seen_at, excluded.last_seen_at)
          returning 1)
        select coalesce(sum(n), 0)::int as n from daily`,
  );
  return r?.n ?? 0;
}

/** The retention sweep, every hour: folds until nothing old is left. */
export function sightingRetentionSweep(db: Db): Sweep {
  return {
    name: 'care-sighting-retention',
    everyMs: 3_600_000,
    async run() {
      let total = 0;
      for (;;) {
        const n = await foldOldSightings(db);
        total += n;
        if (n === 0) return total;
      }
    },
  };
}
