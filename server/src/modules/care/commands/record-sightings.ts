import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';

/** How a watched person was seen. */
export type SightingSource = 'device' | 'checkin' | 'visit' | 'staff' | 'call';

/** One sign of life. `dedupeKey` makes a resent one count once (a device's batch sent again). */
export interface SightingInput {
  personId: number;
  seenAt: Date;
  source: SightingSource;
  deviceId?: number;
  dedupeKey?: string;
}

/** text that must be escaped inside a quoted array element */
const ESCAPED = /["\\]/;

/** An element of a PostgreSQL array literal: quoted, so any text (commas, quotes, braces) survives. */
function element(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  // most texts (times, keys, references) hold neither quote nor backslash: no replacing at all
  return ESCAPED.test(value) ? `"${value.replace(/([\\"])/g, '\\$1')}"` : `"${value}"`;
}

/** A PostgreSQL array literal of `values` (cast it: `${arrayLiteral(ids)}::int[]`), one parameter however long. */
export function arrayLiteral(values: (string | number | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) out += (i ? ',' : '') + element(values[i]);
  return `${out}}`;
}

/**
 * Records sightings and advances each watched person's `last_seen_at`, set-based: devices send some 20,000
 * sightings a second in batches of 500, so a batch is one statement whatever its size. The rows travel as five
 * array parameters (unnested in order); a row whose `dedupeKey` was seen before is skipped (ON CONFLICT DO
 * NOTHING), so a resent batch counts once and moves nothing. Only the rows actually inserted advance
 * `last_seen_at`, and only forward (a late sighting never moves it back). The watched rows are locked in
 * person order before the update, so two batches naming the same persons in another order wait rather than
 * deadlock. Persons not watched keep their sightings (a visit to anyone is a sighting) without an update.
 */
export async function recordSightings(db: Db, rows: SightingInput[]): Promise<{ inserted: number }> {
  if (rows.length === 0) return { inserted: 0 };
  const result = await one<{ inserted: number }>(
    db,
    sql`with ins as (
          insert into care_sightings (person_id, seen_at, source, device_id, dedupe_key)
          select * from unnest(${arrayLiteral(rows.map((r) => r.personId))}::int[],
            ${arrayLiteral(rows.map((r) => r.seenAt.toISOString()))}::timestamptz[],
            ${arrayLiteral(rows.map((r) => r.source))}::text[],
            ${arrayLiteral(rows.map((r) => r.deviceId))}::int[],
            ${arrayLiteral(rows.map((r) => r.dedupeKey))}::text[])
          on conflict (dedupe_key) do nothing
          returning person_id, seen_at),
        latest as (select person_id, max(seen_at) as seen_at from ins group by person_id),
        locked as (
          select w.person_id, l.seen_at from care_watched w join latest l using (person_id)
          where w.last_seen_at is null or w.last_seen_at < l.seen_at
          order by w.person_id for update of w),
        advanced as (
          update care_watched w set last_seen_at = greatest(w.last_seen_at, k.seen_at)
          from locked k where w.person_id = k.person_id returning 1)
        select (select count(*) from ins)::int as inserted, (select count(*) from advanced)::int as advanced`,
  );
  return { inserted: result?.inserted ?? 0 };
}
