import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../../server/src/infra/config.ts';
import { one } from '../../server/src/infra/db.ts';
import { raisedLimitEnv } from '../../server/src/infra/limit-config.ts';
import { photoDir } from '../../server/src/modules/photos/store-photo.ts';
import { type RunningServer, startServer } from '../../server/src/server.ts';

/** The real CivicGrid server started in this process for a benchmark, on a database of its own. */
export interface BenchServer {
  server: RunningServer;
  /** One line naming the engine, its version, Node and the CPU count. */
  engine: string;
  /** The password of every demo account. */
  password: string;
  /** The server's SECRET_KEY (a fuzz run derives follow handles of any case from it). */
  secretKey: string;
  /** The folder the server keeps photos in. */
  photoDir: string;
  /** The scratch database's URL (PostgreSQL), for a second server on the same data; null on PGlite. */
  databaseUrl: string | null;
  /** Logs a demo account in and returns its `cg_session=…` cookie. */
  login(username: string): Promise<string>;
  /** Stops the server and drops the benchmark's database (PostgreSQL) or frees the in-memory one. */
  stop(): Promise<void>;
}

/**
 * Creates an empty database next to the one DATABASE_URL names (so the bench never touches data it did not
 * create) and returns its URL and a function that drops it again.
 */
async function createScratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  // BENCH_KEEP_DB=1 keeps one named database (BENCH_DB_NAME, default cg_bench_cases_kept) between runs
  const keep = Boolean(process.env.BENCH_KEEP_DB);
  const name = keep
    ? (process.env.BENCH_DB_NAME ?? 'cg_bench_cases_kept')
    : `cg_bench_cases_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    async drop() {
      if (keep) return;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        // PostgreSQL 13+: ends any connection left over from an aborted run before dropping
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Variations of a benchmark's server: extra settings, and where its log goes (default: no log). */
export interface BenchServerOptions {
  /** environment variables that win over the raised limits and the process's environment */
  env?: Record<string, string>;
  /** the server's log lines (at LOG_LEVEL, default info), instead of no log at all */
  logStream?: DestinationStream;
}

/**
 * Starts the server exactly as `npm start` does (config from the environment, migrations, categories, the
 * demo district 川汇区 with its accounts, sweeps), listening on 127.0.0.1 on a free port. With DATABASE_URL it
 * runs on a fresh database created for this run; without it on an in-memory PGlite.
 */
export async function startBenchServer(opts: BenchServerOptions = {}): Promise<BenchServer> {
  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL) : null;
  // a kept database was seeded by an earlier run, so its demo accounts keep that run's password
  const password = process.env.BENCH_KEEP_DB
    ? 'bench-kept-database'
    : `bench-${randomBytes(9).toString('base64url')}`;
  const secretKey = randomBytes(32).toString('base64url');
  try {
    const loaded = loadConfig({
      // request-rate limits raised (docs/limits.md): a benchmark sends thousands of requests from one address
      ...raisedLimitEnv(),
      ...process.env,
      LOG_LEVEL: opts.logStream ? (process.env.LOG_LEVEL ?? 'info') : 'silent',
      ...opts.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: scratch?.url ?? '',
      SECRET_KEY: secretKey,
      WEB_DIST: '/nonexistent',
    });
    const config = scratch ? loaded : { ...loaded, dataDir: 'memory://' };
    const server = await startServer(config, {
      demo: true,
      demoPassword: password,
      logger: Boolean(opts.logStream),
      logStream: opts.logStream,
    });
    const v = await one<{ pg: string; postgis: string }>(
      server.database.db,
      sql`select current_setting('server_version') as pg, postgis_lib_version() as postgis`,
    );
    const engine =
      `${scratch ? 'PostgreSQL (DATABASE_URL, scratch database)' : 'PGlite (in-memory, WASM)'} ` +
      `server ${v?.pg ?? '?'}, PostGIS ${v?.postgis ?? '?'} · Node ${process.version} · ${cpus().length} CPUs`;
    return {
      server,
      engine,
      password,
      secretKey,
      photoDir: photoDir(config),
      databaseUrl: scratch?.url ?? null,
      async login(username) {
        const res = await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        });
        const cookie = /cg_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
        if (!res.ok || !cookie)
          throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
        return cookie;
      },
      async stop() {
        try {
          await server.shutdown();
        } finally {
          await scratch?.drop();
        }
      },
    };
  } catch (err) {
    await scratch?.drop();
    throw err;
  }
}
