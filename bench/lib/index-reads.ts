/**
 * Which indexes an intake run had to read from outside shared buffers, per created case. When the indexes no
 * longer fit in memory, intake slows with the pages it must fetch; this names the indexes that cost it, so a
 * sizing or index decision rests on figures rather than guesses.
 */
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../server/src/infra/db.ts';
import { fmt, line } from './report.ts';

type Counts = Map<string, { read: number; hit: number }>;

/** Blocks read and hit of every index and table of cases and case_events so far (cumulative counters). */
export async function ioCounts(db: Db): Promise<Counts> {
  const found = await rows<{ name: string; read: number; hit: number }>(
    db,
    sql`select indexrelname as name, idx_blks_read::float8 as read, idx_blks_hit::float8 as hit
          from pg_statio_user_indexes where relname in ('cases', 'case_events')
        union all
        select relname || ' (table)', coalesce(heap_blks_read, 0)::float8, coalesce(heap_blks_hit, 0)::float8
          from pg_statio_user_tables where relname in ('cases', 'case_events')`,
  );
  return new Map(found.map((r) => [r.name, { read: r.read, hit: r.hit }]));
}

/**
 * Prints the relations with the most blocks read between two readings, per created case (statistics are sent
 * by backends at the end of their transactions and at most every second, so read them after the run settles).
 */
export function printIoCounts(before: Counts, after: Counts, created: number, top = 8): void {
  const deltas = [...after].map(([name, a]) => {
    const b = before.get(name) ?? { read: 0, hit: 0 };
    return { name, read: a.read - b.read, hit: a.hit - b.hit };
  });
  const read = deltas.reduce((n, d) => n + d.read, 0);
  const hit = deltas.reduce((n, d) => n + d.hit, 0);
  const n = Math.max(1, created);
  line(
    'io',
    `per created case: ${fmt(read / n, 2)} blocks read outside shared buffers, ${fmt(hit / n, 1)} hit (cases and case_events, tables and indexes); most read:`,
  );
  for (const d of deltas.sort((x, y) => y.read - x.read).slice(0, top)) {
    if (d.read <= 0) break;
    line('io', `  ${fmt(d.read / n, 3).padStart(7)} read  ${fmt(d.hit / n, 1).padStart(6)} hit  ${d.name}`);
  }
}
