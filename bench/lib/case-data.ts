/**
 * Set-based generator of a year of cases for the demo district: every row is built in SQL from
 * generate_series, so a million cases need a few statements instead of a million round trips.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, one } from '../../server/src/infra/db.ts';
import { recordChunkRecurrence, restoreIndexes, suspendIndexes } from './bulk-load.ts';
import { createPickTables, dropPickTables } from './case-picks.ts';

/** What was generated and how long it took. */
export interface GeneratedCases {
  cases: number;
  events: number;
  seconds: number;
}

// Tracking codes: 'CG' + year-month + '-' + six characters of the product's alphabet. The six characters
// are the case number times an odd constant modulo 32^6 = 2^30 (a bijection), written in base 32: unique
// without a lookup, and scattered like the production's random codes.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SCATTER = 387_420_489n;
const YEAR_MIN = 365 * 1440;

/** Base-32 text of the six scattered characters of case number `n` (a SQL bigint expression). */
function codeTail(n: SQL): SQL {
  const v = sql`((${n})::bigint * ${SCATTER}::bigint % 1073741824)`;
  const chars = [25, 20, 15, 10, 5, 0].map(
    (shift) => sql`substr(${ALPHABET}, ((${v} >> ${shift}) & 31)::int + 1, 1)`,
  );
  return sql.join(chars, sql` || `);
}

/**
 * One chunk of cases numbered lo..hi with their events, in one statement. State proportions depend on age:
 * reports of the last day are mostly still moving through the workflow, reports older than two weeks are
 * nearly all closed or rejected. Timestamps follow the workflow order; when the chain would reach past now it
 * is compressed to fit. Counters are the ones the transitions write (see decide-*.ts in cases/commands).
 */
async function insertChunk(
  tx: Db,
  lo: number,
  hi: number,
  counts: { grids: number; categories: number },
  ages: { fromMin: number; spanMin: number },
): Promise<{ cases: number; events: number }> {
  const r = await one<{ cases: number; events: number }>(
    tx,
    sql`with s as (
          select n, floor(random() * ${counts.grids})::int as gk, floor(random() * ${counts.categories})::int as ck,
            ${ages.fromMin}::float8 + random() * ${ages.spanMin}::float8 as age_min, random() as u_state, random() as u_source,
            random() as r1, random() as r2, random() as r3, random() as r4, random() as r5, random() as r6,
            random() as r7, random() as r8, random() as r9, random() as r10, random() as rx, random() as ry
          from generate_series(${lo}::int, ${hi}::int) n
        ),
        a as (
          select s.*, g.id as grid_id, g.code as org_code, g.name as grid_name, g.worker,
            g.x0 + (0.02 + 0.96 * s.rx) * g.w as lng, g.y0 + (0.02 + 0.96 * s.ry) * g.h as lat,
            c.code as category_code, c.name_zh, c.unit_ids[1 + s.gk % cardinality(c.unit_ids)] as unit_id, c.limit_min,
            now() - s.age_min * interval '1 minute' as rep,
            case
              when s.age_min < 1440 then case
                when s.u_state < 0.15 then 'reported' when s.u_state < 0.20 then 'verifying'
                when s.u_state < 0.30 then 'filed' when s.u_state < 0.75 then 'dispatched'
                when s.u_state < 0.85 then 'pending_check' when s.u_state < 0.95 then 'closed' else 'rejected' end
              when s.age_min < 14 * 1440 then case
                when s.u_state < 0.01 then 'reported' when s.u_state < 0.02 then 'verifying'
                when s.u_state < 0.04 then 'filed' when s.u_state < 0.29 then 'dispatched'
                when s.u_state < 0.41 then 'pending_check' when s.u_state < 0.91 then 'closed'
                when s.u_state < 0.99 then 'rejected' else 'suspended' end
              else case
                when s.u_state < 0.015 then 'dispatched' when s.u_state < 0.02 then 'pending_check'
                when s.u_state < 0.90 then 'closed' when s.u_state < 0.99 then 'rejected' else 'suspended' end
            end as state,
            case
              when s.u_source < 0.45 then 'grid_patrol' when s.u_source < 0.65 then 'resident'
              when s.u_source < 0.85 then 'hotline' when s.u_source < 0.90 then 'morning_inspection'
              when s.u_source < 0.93 then 'supervision' when s.u_source < 0.97 then 'visit'
              when s.u_source < 0.99 then 'device' else 'media' end as source
          from s join bench_grid_pick g on g.k = s.gk join bench_category_pick c on c.k = s.ck
        ),
        -- minutes after the report, before compression: file, dispatch, sign, dispose, check, close, reject
        m as (
          select a.*, 10 + a.r1 * 110 as m_file,
            10 + a.r1 * 110 + 5 + a.r2 * 85 as m_disp,
            10 + a.r1 * 110 + 5 + a.r2 * 85 + 10 + a.r3 * 80 as m_sign,
            30 + a.r1 * 210 as m_reject,
            (a.r8 < 0.04 and a.state in ('dispatched', 'pending_check', 'closed', 'suspended')) as extended,
            (a.r7 < 0.03 and a.state in ('dispatched', 'pending_check', 'closed', 'suspended')) as returned,
            (a.r7 > 0.95 and a.state in ('pending_check', 'closed')) as reworked
          from a
        ),
        m2 as (
          select m.*, m.m_disp + m.limit_min + case when m.extended then 2880 else 0 end as m_deadline,
            -- 85 % are disposed within 90 % of the time left before the deadline, the rest up to 50 % late
            m.m_sign + (m.m_disp + m.limit_min - m.m_sign)
              * case when m.r4 < 0.85 then m.r4 / 0.85 * 0.9 else 0.9 + (m.r4 - 0.85) / 0.15 * 0.6 end as m_dispose
          from m
        ),
        m3 as (
          select m2.*, m2.m_dispose + 30 + m2.r5 * 150 as m_check,
            m2.m_dispose + 30 + m2.r5 * 150 + 10 + m2.r6 * 110 as m_close,
            case m2.state when 'filed' then m2.m_file when 'dispatched' then m2.m_sign
              when 'suspended' then m2.m_sign when 'pending_check' then m2.m_dispose
              when 'rejected' then m2.m_reject when 'verifying' then m2.m_file / 2
              when 'closed' then m2.m_dispose + 30 + m2.r5 * 150 + 10 + m2.r6 * 110 else 0 end as m_last
          from m2
        ),
        t as (
          select m3.*, least(1, m3.age_min * 0.95 / greatest(m3.m_last, 1)) as f,
            m3.state in ('filed', 'dispatched', 'pending_check', 'closed', 'suspended') as is_filed,
            m3.state in ('dispatched', 'pending_check', 'closed', 'suspended') as is_dispatched,
            m3.state in ('pending_check', 'closed') as is_disposed
          from m3
        ),
        v as (
          select t.*,
            case when t.is_filed then t.rep + t.m_file * t.f * interval '1 minute' end as filed_at,
            case when t.is_dispatched then t.rep + t.m_disp * t.f * interval '1 minute' end as dispatched_at,
            case when t.is_dispatched then t.rep + t.m_sign * t.f * interval '1 minute' end as signed_at,
            case when t.is_dispatched then t.rep + (t.m_disp * t.f + t.m_deadline - t.m_disp) * interval '1 minute' end as deadline_at,
            case when t.is_disposed then t.rep + t.m_dispose * t.f * interval '1 minute' end as disposed_at,
            case when t.state = 'closed' or (t.state = 'pending_check' and t.reworked)
              then t.rep + least(t.m_check * t.f, t.m_last * t.f) * interval '1 minute' end as checked_at,
            case when t.state = 'closed' then t.rep + t.m_close * t.f * interval '1 minute' end as closed_at,
            case when t.state = 'rejected' then t.rep + t.m_reject * t.f * interval '1 minute' end as rejected_at,
            case when t.returned then (select up.id from bench_unit_pick up
              where up.k = (t.gk + t.ck) % (select count(*) from bench_unit_pick)) end as other_unit
          from t
        ),
        w as (
          select v.*,
            case v.state when 'reported' then v.rep when 'verifying' then v.rep + v.m_file / 2 * v.f * interval '1 minute'
              when 'filed' then v.filed_at when 'dispatched' then v.signed_at when 'pending_check' then v.disposed_at end
              as stage_started_at,
            case when v.state = 'closed' and v.r9 < 0.4 then least(now(), v.rep + (v.m_close * v.f + v.r10 * 2880) * interval '1 minute') end
              as rated_at
          from v
        ),
        x as (
          select w.*,
            case w.state when 'reported' then 'accept' when 'verifying' then 'verify' when 'filed' then 'dispatch'
              when 'dispatched' then 'dispose' when 'pending_check' then 'check' end as stage,
            case w.state when 'dispatched' then w.deadline_at when 'pending_check' then w.stage_started_at + interval '12 hours'
              when 'reported' then w.stage_started_at + interval '3 hours'
              when 'verifying' then w.stage_started_at + interval '3 hours'
              when 'filed' then w.stage_started_at + interval '3 hours' end as stage_deadline_at
          from w
        ),
        ins as (
          insert into cases (tracking_code, source, category_code, urgency, state, suspended_from, suspended_at,
            description, address, location, grid_id, org_code, reporter_id, unit_id, first_unit_id, reject_reason,
            supervision, reopen_count, check_passed, rating, reported_at, filed_at, dispatched_at, signed_at,
            disposed_at, checked_at, closed_at, rejected_at, rated_at, deadline_at, stage, stage_started_at,
            stage_deadline_at, reply_deadline_at, escalation_level, escalated_at,
            c_valid, c_intime_dispatch, c_accurate_dispatch, c_disposed, c_intime_dispose, c_checked, c_rework,
            c_returned, c_extended, c_intime_close, handling_minutes, created_at, updated_at)
          select 'CG' || to_char(x.rep at time zone 'UTC', 'YYMM') || '-' || ${codeTail(sql`x.n`)},
            x.source, x.category_code, case when x.r10 < 0.9 then 'normal' when x.r10 < 0.98 then 'urgent' else 'critical' end,
            x.state, case when x.state = 'suspended' then 'dispatched' end,
            case when x.state = 'suspended' then x.signed_at + interval '1 hour' end,
            x.name_zh || '：' || (array['现场发现问题，请尽快处理', '群众来电反映，影响通行', '多次出现，请督促整改',
              '巡查发现，已拍照取证', '附近居民投诉'])[1 + (x.n % 5)],
            x.grid_name || '附近', st_setsrid(st_point(x.lng, x.lat), 4326), x.grid_id, x.org_code,
            case when x.source = 'grid_patrol' then x.worker end,
            case when x.is_dispatched and x.state <> 'filed' then x.unit_id end,
            case when x.is_dispatched then coalesce(x.other_unit, x.unit_id) end,
            case when x.state = 'rejected' then '不属于受理范围' end,
            case when x.state = 'dispatched' and x.r6 < 0.02 then 'yellow' when x.state = 'dispatched' and x.r6 < 0.03 then 'red' end,
            case when x.state in ('dispatched', 'pending_check') and x.r5 < 0.01 then 1 else 0 end,
            x.state = 'closed',
            case when x.rated_at is not null then case when x.r3 < 0.8 then 'satisfied' when x.r3 < 0.92 then 'basic' else 'dissatisfied' end end,
            x.rep, x.filed_at, x.dispatched_at, x.signed_at, x.disposed_at, x.checked_at, x.closed_at, x.rejected_at,
            x.rated_at, x.deadline_at, x.stage, x.stage_started_at, x.stage_deadline_at,
            case when x.is_filed then x.filed_at + (x.m_deadline - x.m_file) * interval '1 minute' end,
            case when x.stage_deadline_at < now() then 3 else 0 end,
            case when x.stage_deadline_at < now() then least(now(), x.stage_deadline_at + interval '6 hours') end,
            case when x.is_filed then 1 when x.state = 'rejected' then 0 end,
            case when x.is_dispatched then case when (x.m_disp - x.m_file) * x.f <= 60 then 1 else 0 end end,
            case when x.state = 'closed' then (coalesce(x.other_unit, x.unit_id) = x.unit_id)::int end,
            case when x.is_disposed then 1 else 0 end,
            case when x.is_disposed then case when x.disposed_at <= x.deadline_at then 1 else 0 end end,
            case when x.checked_at is not null then 1 else 0 end,
            case when x.reworked then 1 else 0 end,
            case when x.returned then 1 else 0 end,
            case when x.extended then 1 else 0 end,
            case when x.state = 'closed' then case when x.closed_at <= x.deadline_at then 1 else 0 end end,
            case when x.state = 'closed' then round(extract(epoch from x.closed_at - x.filed_at) / 60 / 3)::int end,
            x.rep, coalesce(x.closed_at, x.rejected_at, x.disposed_at, x.signed_at, x.filed_at, x.rep)
          from x order by x.rep
          returning id, state, source, reporter_id, unit_id, first_unit_id, reported_at, filed_at, dispatched_at,
            signed_at, disposed_at, checked_at, closed_at, rejected_at, rated_at, rating, suspended_at,
            c_returned, c_rework
        ),
        ev as (
          insert into case_events (case_id, at, actor_id, actor_role, action, from_state, to_state, data)
          select ins.id, e.at, e.actor, e.role, e.action, e.from_state, e.to_state, e.data::jsonb
          from ins cross join lateral (values
            (ins.reported_at, ins.reporter_id, ins.source, 'report', null, 'reported',
              '{"source":"' || ins.source || '","triage":false}'),
            (case when ins.state = 'verifying' then ins.reported_at + interval '5 minutes' end, null, 'dispatcher',
              'verify', 'reported', 'verifying', '{}'),
            (ins.rejected_at, null, 'dispatcher', 'reject', 'reported', 'rejected', '{}'),
            (ins.filed_at, null, 'dispatcher', 'file', 'reported', 'filed', '{}'),
            (case when ins.c_returned > 0 then ins.signed_at end, null, 'unit_handler', 'return', 'dispatched', 'filed', '{}'),
            (ins.dispatched_at, null, 'dispatcher', 'dispatch', 'filed', 'dispatched',
              '{"unitId":' || coalesce(ins.unit_id, ins.first_unit_id, 0) || '}'),
            (ins.signed_at, null, 'unit_handler', 'sign', 'dispatched', 'dispatched', '{}'),
            (ins.disposed_at, null, 'unit_handler', 'feedback', 'dispatched', 'pending_check', '{}'),
            (ins.checked_at, null, 'grid_worker', case when ins.state = 'closed' then 'check_pass' else 'check_fail' end,
              'pending_check', case when ins.state = 'closed' then 'pending_check' else 'dispatched' end, '{}'),
            (ins.closed_at, null, 'dispatcher', 'close', 'pending_check', 'closed', '{}'),
            (ins.suspended_at, null, 'dispatcher', 'suspend', 'dispatched', 'suspended', '{}'),
            (ins.rated_at, null, 'resident', 'rate', 'closed', 'closed', '{"rating":"' || coalesce(ins.rating, '') || '"}')
          ) as e(at, actor, role, action, from_state, to_state, data)
          where e.at is not null
          returning 1
        )
        select (select count(*) from ins)::int as cases, (select count(*) from ev)::int as events`,
  );
  return r ?? { cases: 0, events: 0 };
}

/**
 * Generates `total` cases over the last `years` × 365 days (default one year; case numbers 1..total, oldest
 * first) in the grids of
 * `district`, in chunks (progress goes to `log`), then vacuums and analyses the tables as a live system would.
 * Resumable: each chunk commits with its progress row (`bench_generation`), so a run stopped at any point on a
 * kept database (BENCH_KEEP_DB) goes on from the first chunk not committed, with the same ages, as long as the
 * total and the years are the same; ages are relative to the run that generates each chunk (a resumed run's newest cases are
 * a little younger).
 */
export async function generateCases(
  db: Db,
  opts: { district: string; total: number; years?: number; chunk?: number; log?: (line: string) => void },
): Promise<GeneratedCases> {
  const t0 = performance.now();
  await db.execute(
    sql`create table if not exists bench_generation (total integer primary key, done integer not null)`,
  );
  const done =
    (await one<{ done: number }>(db, sql`select done from bench_generation where total = ${opts.total}`))
      ?.done ?? 0;
  if (done >= opts.total) {
    // a run stopped while the indexes were being built goes on building them
    await restoreIndexes(db, opts.log);
    return { cases: done, events: 0, seconds: 0 };
  }
  if (done > 0)
    opts.log?.(`  resuming after case ${done.toLocaleString('en')} of ${opts.total.toLocaleString('en')}`);
  const counts = await createPickTables(db, opts.district);
  const chunk = opts.chunk ?? 100_000;
  const superuser =
    (await one<{ su: boolean }>(db, sql`select rolsuper as su from pg_roles where rolname = current_user`))
      ?.su ?? false;
  // a bulk load: the secondary indexes are built once after the last chunk (bulk-load.ts); without the
  // replica role the production triggers run and need them
  if (superuser) await suspendIndexes(db);
  let cases = 0;
  let events = 0;
  for (let lo = done + 1; lo <= opts.total; lo += chunk) {
    const hi = Math.min(opts.total, lo + chunk - 1);
    const r = await db.transaction(async (tx) => {
      // PostgreSQL's default JIT compiles this big statement for minutes; the rows are consistent by
      // construction, so a superuser skips the per-row foreign-key triggers (≈ 7 per case) as bulk loads do.
      await tx.execute(sql`set local jit = off`);
      if (superuser) await tx.execute(sql`set local session_replication_role = replica`);
      // chunks go from the oldest slice of the span to the newest, so ids grow with reported_at as in life; a
      // longer span keeps a district's cases per day (what the intake's recurrence probe costs) as the
      // history grows, where one year makes 5,000,000 cases five times as dense as 1,000,000
      const spanMin = YEAR_MIN * (opts.years ?? 1);
      const span = (spanMin * (hi - lo + 1)) / opts.total;
      const before =
        (await one<{ id: number }>(tx, sql`select coalesce(max(id), 0) as id from cases`))?.id ?? 0;
      const r = await insertChunk(tx, lo, hi, counts, {
        fromMin: (spanMin * (opts.total - hi)) / opts.total,
        spanMin: span,
      });
      // the replica role also skipped the trigger recording recurrences (migration 0090): do its work for the
      // chunk in one set-based statement — the chunk's closings, and the earlier closings its reports recur
      await recordChunkRecurrence(tx, before);
      await tx.execute(
        sql`insert into bench_generation (total, done) values (${opts.total}, ${hi})
            on conflict (total) do update set done = excluded.done`,
      );
      return r;
    });
    cases += r.cases;
    events += r.events;
    opts.log?.(
      `  generated ${cases.toLocaleString('en')} cases, ${events.toLocaleString('en')} events (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  await restoreIndexes(db, opts.log);
  await dropPickTables(db);
  // the replica role also skipped the rollup triggers (migration 0091), and the server's rollup sweep may have
  // closed days before all their cases were written: start the rollups afresh from the complete data
  await db.execute(sql`delete from case_rollups`);
  await db.execute(sql`delete from case_rollup_dirty`);
  await db.execute(sql`update case_rollup_state set closed_through = null, settled_through = null`);
  // a year-old table has been vacuumed: without this, autovacuum would work through 8 million fresh rows
  // during the measurements and charge its CPU to them
  await db.execute(sql`vacuum analyze cases`);
  await db.execute(sql`vacuum analyze case_events`);
  return { cases, events, seconds: (performance.now() - t0) / 1000 };
}
