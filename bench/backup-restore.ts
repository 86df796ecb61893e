/**
 * Backup and restore at scale (PostgreSQL only): the real server's database with the demo district and
 * BENCH_CASES generated cases (default 100,000), backed up with `backup` (pg_dump from an exported snapshot)
 * and restored with `restore` (pg_restore into a new database, the newer migrations, the checks), timed.
 * Prints the figures per case and the linear extrapolation to 1,000,000 cases (at BENCH_CASES=1000000 the times
 * are measured, not extrapolated: the generation's bulk load, bench/lib/bulk-load.ts, makes that size a few
 * minutes of setup). Photos are not part of it
 * (the demo has none on disk): their copy runs at the disk's speed, see docs/OPERATIONS.md.
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os, { loadavg } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/infra/config.ts';
import { one, openPostgres } from '../server/src/infra/db.ts';
import { takeBackup } from '../server/src/modules/backup/backup.ts';
import { restoreBackup } from '../server/src/modules/backup/restore.ts';
import { startBenchServer } from './lib/bench-server.ts';
import { generateCases } from './lib/case-data.ts';
import { fmt, line } from './lib/report.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.log(
    'backup-restore: PostgreSQL only (set DATABASE_URL); the embedded database is for small installations',
  );
  process.exit(0);
}
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const bench = await startBenchServer();
const dir = await mkdtemp(path.join(os.tmpdir(), 'cg-bench-backup-'));
const admin = await openPostgres(url, 1);
const target = `cg_bench_restore_${process.pid}`;
try {
  console.log(`Backup and restore: engine ${bench.engine}; load average ${loadavg()[0]!.toFixed(1)}`);
  const db = bench.server.database.db;
  const gen = await generateCases(db, { district: '411602', total: CASES });
  const source = (await one<{ name: string; mb: number }>(
    db,
    sql`select current_database() as name, pg_database_size(current_database()) / 1048576 as mb`,
  ))!;
  line('data', `${fmt(gen.cases)} cases + ${fmt(gen.events)} events, database ${fmt(source.mb)} MB`);
  const at = (name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  const env = { SECRET_KEY: bench.secretKey, DATA_DIR: dir };
  const file = path.join(dir, 'bench.backup');

  let t = performance.now();
  await takeBackup(loadConfig({ ...env, DATABASE_URL: at(source.name) }), file, {
    database: bench.server.database,
  });
  const backupS = (performance.now() - t) / 1000;
  const mb = statSync(file).size / 1048576;
  line('backup', `${fmt(backupS, 1)} s, archive ${fmt(mb)} MB (pg_dump custom format, compressed)`);

  await admin.db.execute(sql.raw(`create database ${target}`));
  const restored = await openPostgres(at(target), 2);
  try {
    t = performance.now();
    const r = await restoreBackup(loadConfig({ ...env, DATABASE_URL: at(target) }), file, {
      database: restored,
    });
    const restoreS = (performance.now() - t) / 1000;
    line(
      'restore',
      `${fmt(restoreS, 1)} s for ${fmt(r.counts.cases)} cases (pg_restore, migrations, checks)`,
    );
    const perMillion = (s: number) => (s * 1_000_000) / r.counts.cases / 60;
    line(
      'at 1M',
      `backup ≈ ${fmt(perMillion(backupS), 1)} min, restore ≈ ${fmt(perMillion(restoreS), 1)} min ` +
        `(${r.counts.cases >= 1_000_000 ? 'measured at' : 'linear from'} ${fmt(r.counts.cases)} cases; ` +
        `goal: restore ≤ 30 min; load average ${loadavg()[0]!.toFixed(1)})`,
    );
  } finally {
    await restored.close();
  }
} finally {
  await admin.db.execute(sql.raw(`drop database if exists ${target} with (force)`));
  await admin.close();
  await bench.stop();
  await rm(dir, { recursive: true, force: true });
}
