/**
 * What the triggers on `cases` cost each inserted case (docs/PERFORMANCE.md, "Triggers on the intake path"):
 * the same rows inserted with all triggers on, with none, and with each of the recurrence (0090/0092) and rollup
 * (0091, made per statement by 0093) triggers alone, batched (1,000 rows per statement) and row by row on one connection. PostgreSQL only.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/case-insert-triggers.ts     (BENCH_ROWS, default 20,000 per variant)
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openPostgres } from '../server/src/infra/db.ts';
import { migrate } from '../server/src/infra/migrate.ts';
import { seedCategories } from '../server/src/modules/categories/seed-categories.ts';
import { createTenant } from '../server/test/factories.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL (PostgreSQL) is needed');
const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const name = `cg_bench_triggers_${process.pid}`;

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`create database ${name}`);
const scratch = new URL(url);
scratch.pathname = `/${name}`;
const database = await openPostgres(scratch.toString());
try {
  await migrate(database);
  await seedCategories(database.db);
  const t = await createTenant(database.db);
  const [x0, y0] = t.origin;
  const client = new pg.Client({ connectionString: scratch.toString() });
  await client.connect();
  client.on('error', () => undefined);
  const TRIGGERS = {
    recurrence: ['cases_record_recurrence', 'cases_record_recurrence_change'],
    rollups: ['cases_rollup_dirty_insert', 'cases_rollup_dirty_update', 'cases_rollup_dirty_delete'],
  };
  const set = async (on: string[]) => {
    for (const tr of Object.values(TRIGGERS).flat())
      await client.query(`alter table cases ${on.includes(tr) ? 'enable' : 'disable'} trigger ${tr}`);
  };
  let run = 0;
  // one case per row, spread over the tenant's 4 × 2 cells, in street-light and rubbish categories, reported now
  const insert = (n: number) => {
    run++;
    return `insert into cases (tracking_code, source, category_code, state, description, location, org_code, reported_at,
       stage, stage_started_at, stage_deadline_at)
     select 'TR-${run}-' || i, 'resident', case when i % 2 = 0 then '05.02' else '01.01' end, 'reported', '路灯不亮',
       st_setsrid(st_point(${x0} + random() * 0.04, ${y0} + random() * 0.02), 4326), '${t.district.code}',
       now(), 'accept', now(), now() + interval '1 hour'
     from generate_series(1, ${n}) i`;
  };
  const variants: [string, string[]][] = [
    ['none', []],
    ['recurrence only', TRIGGERS.recurrence],
    ['rollups only', TRIGGERS.rollups],
    ['all (as shipped)', Object.values(TRIGGERS).flat()],
  ];
  console.log(
    `engine: ${(await client.query('select version()')).rows[0].version.split(',')[0]} · rows per variant ${ROWS.toLocaleString('en')}`,
  );
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const [label, on] of variants) {
    await set(on);
    run++;
    let s = performance.now();
    for (let done = 0; done < ROWS; done += 1000) await client.query(insert(Math.min(1000, ROWS - done)));
    const batched = (performance.now() - s) / ROWS;
    run++;
    const single = Math.min(ROWS, 3000);
    s = performance.now();
    for (let i = 0; i < single; i++) await client.query(insert(1));
    const one = (performance.now() - s) / single;
    console.log(
      `${label.padEnd(18)} batched ${batched.toFixed(3)} ms/case (${Math.round(1000 / batched).toLocaleString('en')}/s)` +
        `   row by row ${one.toFixed(3)} ms/case (${Math.round(1000 / one).toLocaleString('en')}/s, ${single.toLocaleString('en')} rows)`,
    );
  }
  const size = await database.db.execute(sql`select count(*)::int as n from cases`);
  console.log(
    `cases in the table at the end: ${(size as unknown as { rows: { n: number }[] }).rows?.[0]?.n ?? '?'}`,
  );
  await client.end();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await database.close();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
