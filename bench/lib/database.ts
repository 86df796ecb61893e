import { cpus } from 'node:os';
import { sql } from 'drizzle-orm';
import { type Database, one, openPglite, openPostgres } from '../../server/src/infra/db.ts';
import { migrate } from '../../server/src/infra/migrate.ts';

/** A migrated database for a benchmark, with a one-line description of what it runs on. */
export interface BenchDatabase {
  database: Database;
  engine: string;
}

/**
 * Opens PostgreSQL when DATABASE_URL is set, otherwise an in-memory PGlite (from the migrated template), and
 * applies the migrations, so the same benchmark runs on both engines.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  const database = url ? await openPostgres(url) : await openPglite('memory://');
  await migrate(database);
  const v = await one<{ pg: string; postgis: string }>(
    database.db,
    sql`select current_setting('server_version') as pg, postgis_lib_version() as postgis`,
  );
  const engine =
    `${database.kind === 'pglite' ? 'PGlite (in-memory, WASM)' : 'PostgreSQL (DATABASE_URL)'} ` +
    `server ${v?.pg ?? '?'}, PostGIS ${v?.postgis ?? '?'} · Node ${process.version} · ${cpus().length} CPUs`;
  return { database, engine };
}
