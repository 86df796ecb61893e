/**
 * What a bulk load of generated cases does instead of the production's per-row work, for the generator of
 * case-data.ts: secondary indexes of `cases` and `case_events` dropped during the load and built once at the
 * end (their definitions kept in a table, so an interrupted run rebuilds them), and the recurrence record of
 * migration 0090 written for a whole chunk by one statement whose joins hash on a grid of cells instead of
 * probing the GiST index once per case. The result is the same database: the same index definitions, and
 * `recurred_at` equal to what the production triggers write (checkRecurrence compares it with the production
 * function on every closed case).
 */
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../server/src/infra/db.ts';

/** Indexes kept during the load: the constraints' own, and the two the per-chunk recurrence reads by time. */
const KEPT = ['cases_reported', 'cases_closed_org'];

/**
 * Drops the secondary indexes of cases and case_events (not those of a constraint, not KEPT), keeping each
 * definition in `bench_suspended_indexes` for restoreIndexes. Idempotent: on a resumed run the indexes are
 * already gone and their definitions already kept.
 */
export async function suspendIndexes(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`create table if not exists bench_suspended_indexes (name text primary key, def text not null)`,
    );
    const drop = await rows<{ name: string; def: string }>(
      tx,
      sql`select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
          from pg_index i
          where i.indrelid in ('cases'::regclass, 'case_events'::regclass)
            and not exists (select from pg_constraint c where c.conindid = i.indexrelid)
            and i.indexrelid::regclass::text not in (${sql.join(
              KEPT.map((k) => sql`${k}`),
              sql`, `,
            )})`,
    );
    for (const d of drop) {
      await tx.execute(
        sql`insert into bench_suspended_indexes (name, def) values (${d.name}, ${d.def}) on conflict do nothing`,
      );
      await tx.execute(sql.raw(`drop index ${d.name}`));
    }
    return drop.length;
  });
}

/**
 * Builds the indexes suspendIndexes dropped, one transaction each (a stopped run goes on with the next), with
 * the memory a bulk load gives its index builds.
 */
export async function restoreIndexes(db: Db, log?: (line: string) => void): Promise<number> {
  const exists = await one<{ t: string | null }>(
    db,
    sql`select to_regclass('bench_suspended_indexes')::text as t`,
  );
  if (!exists?.t) return 0;
  const kept = await rows<{ name: string; def: string }>(
    db,
    sql`select name, def from bench_suspended_indexes order by name`,
  );
  const t0 = performance.now();
  for (const k of kept) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
      await tx.execute(sql.raw(k.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ')));
      await tx.execute(sql`delete from bench_suspended_indexes where name = ${k.name}`);
    });
  }
  if (kept.length)
    log?.(
      `  built ${kept.length} indexes of cases and case_events in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
  return kept.length;
}

/**
 * Records the recurrences of the cases inserted after id `before` in one statement, as the statement trigger
 * of migration 0093 (record_recurrence_inserted) would for an insert of those rows: the set of closings it
 * refreshes is the new closed cases and the closings the new live reports recur (recurrence_closings), and each
 * gets the earliest report recurring it (case_recurred_at), written only where the value changes.
 *
 * The production functions find their candidates with one GiST probe per case. Here both joins hash on
 * (category, cell) with cells of `g` degrees, g at least the widest search box of any row involved (the
 * category's radius over 110 km per degree, widened by the cosine of the latitude exactly as the functions
 * widen it): a report's box lies in the 3 × 3 cells around it, so the candidates are a superset of the index's.
 * The conditions applied to them are the functions' own expressions, copied verbatim.
 */
export async function recordChunkRecurrence(tx: Db, before: number): Promise<number> {
  // The CTEs' row estimates are far off (a few rows for tens of thousands), and a nested loop over the cells
  // is quadratic: the joins of the CTEs hash. The update then finds its rows by id with the plan of a table
  // whose size is known.
  await tx.execute(sql`select set_config('enable_nestloop', 'off', true)`);
  await tx.execute(sql`drop table if exists bench_recurrence_chunk`);
  await tx.execute(
    sql`create temp table bench_recurrence_chunk as
        with new as materialized (
          select id, state, location, category_code, reported_at, closed_at from cases where id > ${before}
        ),
        span as (select min(reported_at) as t0, max(reported_at) as t1 from new),
        -- the new live reports, and the closings they may recur (closed in the 30 days before one of them)
        nr as materialized (select * from new where state <> 'rejected' and location is not null),
        oc as materialized (
          select c.id, c.location, c.category_code, c.closed_at from cases c, span
          where c.state = 'closed' and c.location is not null
            and c.closed_at >= span.t0 - interval '30 days' and c.closed_at < span.t1
        ),
        g1 as (
          select greatest((select max(duplicate_radius_m) from categories) / 110000.0
            / cos(radians(least(greatest((select max(abs(st_y(location))) from nr),
                                         (select max(abs(st_y(location))) from oc)) + 1, 80))), 1e-7)::float8 as g
        ),
        nr9 as materialized (
          select n.*, floor(st_x(n.location) / g1.g)::int + d.dx as cx, floor(st_y(n.location) / g1.g)::int + d.dy as cy
          from nr n cross join g1
            cross join (values (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0), (0, 1), (1, -1), (1, 0), (1, 1)) d(dx, dy)
        ),
        occ as materialized (
          select oc.*, floor(st_x(oc.location) / g1.g)::int as cx, floor(st_y(oc.location) / g1.g)::int as cy
          from oc cross join g1
        ),
        recurred as (
          select distinct c.id
          from nr9 n join categories k on k.code = n.category_code
            join occ c on c.category_code = n.category_code and c.cx = n.cx and c.cy = n.cy
          where c.closed_at < n.reported_at and c.closed_at >= n.reported_at - interval '30 days'
            and st_dwithin(c.location::geography, n.location::geography, k.duplicate_radius_m)
        ),
        -- what refresh_recurrence recomputes: the new cases that are closings, and the closings recurred
        touched as materialized (
          select id, state, location, category_code, closed_at from new where state = 'closed'
          union
          select oc.id, 'closed', oc.location, oc.category_code, oc.closed_at from oc join recurred r on r.id = oc.id
        ),
        tc as materialized (select * from touched where location is not null and closed_at is not null),
        rr as materialized (
          select r.id, r.location, r.category_code, r.reported_at from cases r
          where r.location is not null and r.state <> 'rejected'
            and r.reported_at > (select min(closed_at) from tc)
            and r.reported_at <= (select max(closed_at) from tc) + interval '30 days'
        ),
        g2 as (
          select greatest((select max(duplicate_radius_m) from categories) / 110000.0
            / cos(radians(least(greatest((select max(abs(st_y(location))) from tc),
                                         (select max(abs(st_y(location))) from rr)) + 1, 80))), 1e-7)::float8 as g
        ),
        tc9 as materialized (
          select t.*, floor(st_x(t.location) / g2.g)::int + d.dx as cx, floor(st_y(t.location) / g2.g)::int + d.dy as cy
          from tc t cross join g2
            cross join (values (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0), (0, 1), (1, -1), (1, 0), (1, 1)) d(dx, dy)
        ),
        rrc as materialized (
          select rr.*, floor(st_x(rr.location) / g2.g)::int as cx, floor(st_y(rr.location) / g2.g)::int as cy
          from rr cross join g2
        ),
        found as (
          select t.id, min(r.reported_at) as at
          from tc9 t join categories k on k.code = t.category_code
            join rrc r on r.category_code = t.category_code and r.cx = t.cx and r.cy = t.cy
          where r.id <> t.id and r.reported_at > t.closed_at and r.reported_at <= t.closed_at + interval '30 days'
            and st_dwithin(r.location::geography, t.location::geography, k.duplicate_radius_m)
          group by t.id
        )
        select s.id, f.at from touched s left join found f on f.id = s.id`,
  );
  await tx.execute(sql`select set_config('enable_nestloop', 'on', true)`);
  await tx.execute(sql`analyze bench_recurrence_chunk`);
  const r = await one<{ n: number }>(
    tx,
    sql`with upd as (
          update cases c set recurred_at = v.at from bench_recurrence_chunk v
          where c.id = v.id and c.recurred_at is distinct from v.at
          returning 1
        )
        select count(*)::int as n from upd`,
  );
  await tx.execute(sql`drop table bench_recurrence_chunk`);
  return r?.n ?? 0;
}

/**
 * The check of the bulk path against the production definition: closed cases whose `recurred_at` differs
 * from case_recurred_at (the function the triggers call), and other cases with a recurrence recorded. One
 * index probe per closed case: minutes at a million cases.
 */
export async function checkRecurrence(
  db: Db,
): Promise<{ closed: number; recurred: number; wrong: number; stray: number }> {
  const r = await one<{ closed: number; recurred: number; wrong: number; stray: number }>(
    db,
    sql`select count(*) filter (where state = 'closed')::int as closed,
          count(recurred_at)::int as recurred,
          count(*) filter (where state = 'closed'
            and recurred_at is distinct from case_recurred_at(id, location, category_code, closed_at))::int as wrong,
          count(*) filter (where state <> 'closed' and recurred_at is not null)::int as stray
        from cases`,
  );
  return r ?? { closed: 0, recurred: 0, wrong: 0, stray: 0 };
}
