/**
 * A kept database (BENCH_KEEP_DB) holds every report the intake benchmark wrote in earlier runs: ≈ 100,000 a run,
 * all open and all from the last hours. A report's duplicate search reads the open cases of its category around
 * its point in the last days, so after a few runs it reads tens of times the candidates the generated history
 * holds (a day's density), and each run measures a denser district than the last. Before intake is measured,
 * the earlier runs' reports are removed, so every run starts from the generated history.
 */
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../server/src/infra/db.ts';
import { DUPLICATE_WINDOW_DAYS } from '../../server/src/modules/cases/duplicates.ts';
import { BENCH_MARK } from './intake-bodies.ts';
import { fmt, line } from './report.ts';
import { closeRollups } from './rollups-ready.ts';

/** How far back earlier runs' reports are looked for: beyond the duplicate and recurrence windows they cost nothing. */
const LOOKBACK_DAYS = 40;

/** Open cases reported in the duplicate window (the candidates of a report's search) and how many are the bench's. */
async function duplicateWindow(db: Db): Promise<{ open: number; bench: number; days: number }> {
  const w = await one<{ open: number; bench: number; days: number }>(
    db,
    sql`with w as (select ${DUPLICATE_WINDOW_DAYS} as days)
        select count(*)::int as open,
          count(*) filter (where c.description like ${`%${BENCH_MARK}%`})::int as bench, w.days
        from w, cases c
        where c.reported_at > now() - make_interval(days => w.days) and c.state not in ('closed', 'rejected')
        group by w.days`,
  );
  return w ?? { open: 0, bench: 0, days: 7 };
}

/** The single-column foreign keys that point at a table, as (table, column) pairs. */
async function referencing(tx: Db, table: string): Promise<{ rel: string; col: string }[]> {
  return rows<{ rel: string; col: string }>(
    tx,
    sql`select c.conrelid::regclass::text as rel, a.attname as col
        from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.confrelid = ${table}::regclass and c.conrelid <> c.confrelid
          and cardinality(c.conkey) = 1`,
  );
}

/**
 * Deletes the reports earlier runs wrote (their description carries BENCH_MARK) and every row that refers to
 * them or to their events, found from the foreign keys, so nothing is orphaned. As the generator's bulk load
 * does, a superuser skips the triggers (case_events is append-only; a foreign-key check per deleted row reads
 * unindexed columns whole), marks the rollup days the rows counted in for the sweep itself, then recomputes the
 * recurrence of the closings the removed reports had made recur. Returns null when not a superuser.
 */
export async function removeEarlierReports(db: Db): Promise<number | null> {
  const su = await one<{ su: boolean }>(
    db,
    sql`select rolsuper as su from pg_roles where rolname = current_user`,
  );
  if (!su?.su) return null;
  return db.transaction(async (tx) => {
    await tx.execute(sql`create temp table bench_leftovers on commit drop as
      select id, reported_at from cases
      where reported_at > now() - make_interval(days => ${LOOKBACK_DAYS}) and description like ${`%${BENCH_MARK}%`}`);
    const found = await one<{ n: number; since: string | null }>(
      tx,
      sql`select count(*)::int as n, min(reported_at)::text as since from bench_leftovers`,
    );
    if (!found?.n) return 0;
    await tx.execute(sql`create temp table bench_leftover_events on commit drop as
      select e.id from case_events e join bench_leftovers b on b.id = e.case_id`);
    await tx.execute(sql`analyze bench_leftovers`);
    await tx.execute(sql`analyze bench_leftover_events`);
    await tx.execute(sql`set local session_replication_role = replica`);
    for (const [parent, ids] of [
      ['case_events', 'bench_leftover_events'],
      ['cases', 'bench_leftovers'],
    ] as const) {
      for (const r of await referencing(tx, parent)) {
        if (r.rel === 'case_events' && parent === 'cases') continue; // below, after its own dependents
        await tx.execute(sql.raw(`delete from ${r.rel} where ${r.col} in (select id from ${ids})`));
      }
      if (parent === 'case_events')
        await tx.execute(sql`delete from case_events where id in (select id from bench_leftover_events)`);
    }
    await tx.execute(
      sql`update cases set master_case_id = null where master_case_id in (select id from bench_leftovers)`,
    );
    await tx.execute(sql`with gone as (delete from cases c using bench_leftovers b where c.id = b.id returning c.*)
      insert into case_rollup_dirty (day, org_key)
      select distinct d.day, d.org_key
      from gone g, lateral (select unnest(case_rollup_days(g)) as day, left(g.org_code, 12) as org_key) d
      where d.day < district_day(clock_timestamp())
      on conflict do nothing`);
    await tx.execute(sql`set local session_replication_role = origin`);
    // a closing's recurrence is the earliest later report near it: where that was a removed report (the same
    // instant), it is found again among the reports that remain
    await tx.execute(sql`update cases c set recurred_at = case_recurred_at(c.id, c.location, c.category_code, c.closed_at)
      where c.state = 'closed' and c.recurred_at >= ${found.since}::timestamptz
        and c.recurred_at in (select reported_at from bench_leftovers)`);
    return found.n;
  });
}

/** Prints the duplicate window's density and, on a kept database, removes what earlier runs left in it. */
export async function startFromGeneratedHistory(db: Db): Promise<void> {
  const before = await duplicateWindow(db);
  let removed = 0;
  if (before.bench > 0) {
    const t0 = performance.now();
    const n = await removeEarlierReports(db);
    if (n === null) line('window', "earlier runs' reports left in place: removing them needs a superuser");
    else {
      removed = n;
      await db.execute(sql`vacuum analyze cases`);
      await db.execute(sql`vacuum analyze case_events`);
      // the closings whose recurrence changed marked their days dirty: rewritten now, not by the measured run's sweep
      await closeRollups(db);
      line(
        'window',
        `removed ${fmt(n)} reports of earlier runs in ${fmt((performance.now() - t0) / 1000, 0)} s`,
      );
    }
  }
  const w = removed ? await duplicateWindow(db) : before;
  line(
    'window',
    `${fmt(w.open)} open cases reported in the last ${w.days} days (what a report's duplicate search reads from)` +
      (w.bench ? `, ${fmt(w.bench)} of them from earlier runs` : ''),
  );
}
