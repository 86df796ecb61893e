import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction as PgliteTx } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { pino } from 'pino';
import { DbBreaker, type DbHealth, type DbLog } from './db-breaker.ts';
import { DbUnavailableError, isDbUnavailable } from './db-errors.ts';
import { lockPgliteDir } from './pglite-lock.ts';
import { readTemplate } from './pglite-template.ts';
import type { ReadRouting } from './read-replica.ts';

export type { DbHealth, DbLog };

/**
 * The query handle every command and query takes as first argument: a pool, a connection or a transaction.
 * Queries are written with Drizzle's `sql` template (composable, parameterised) and run straight on the
 * driver, so both drivers return the same JavaScript types (see the parsers below).
 */
export interface Db {
  execute<T = Record<string, unknown>>(query: SQL, opts?: QueryOptions): Promise<{ rows: T[] }>;
  /** Runs fn in a transaction (a savepoint when already inside one); rolls back when fn throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
}

export type DbKind = 'pglite' | 'postgres';

/**
 * `prepare` names the statement: PostgreSQL then parses it once per connection and, after a few runs, keeps
 * one plan for it instead of planning every call. Only for hot statements whose text never changes (their
 * varying parts are parameters, e.g. one jsonb of all rows) and whose best plan does not depend on the
 * values. PGlite ignores it.
 */
export interface QueryOptions {
  prepare?: string;
}

/** One connection: a query handle and a way to run a multi-statement script (simple protocol). */
export interface LockedConnection {
  db: Db;
  exec(script: string): Promise<void>;
}

/** A connection pool's use at one moment. */
export interface PoolUsage {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/** An open database: the query handle plus what start-up, migrations and shutdown need. */
export interface Database {
  db: Db;
  kind: DbKind;
  /** Runs fn on one connection while holding a session-level advisory lock. */
  withLock<T>(key: number, fn: (conn: LockedConnection) => Promise<T>): Promise<T>;
  /** Whether the database is reachable, as last seen (PGlite, in-process, always is). */
  health(): DbHealth;
  /**
   * With a read replica (DATABASE_READ_URL): the handle route modules get, which sends a read-only request's
   * statements outside transactions to the replica while it is fresh enough (read-replica.ts).
   */
  reads?: ReadRouting;
  /** PostgreSQL only: the pool's connections now, for /metrics */
  pool?: () => PoolUsage;
  /** PGlite only: the data directory as a gzipped tarball. */
  dump?: () => Promise<Blob>;
  close(): Promise<void>;
}

const dialect = new PgDialect();

// int8 and numeric arrive as strings from `pg` and partly as numbers from PGlite; dates (without time)
// would become local-midnight Date objects. Normalise all of them here, once, for both drivers:
// counts and ids stay far below 2^53, and a date stays the 'YYYY-MM-DD' text it is.
const toNumber = (v: string) => Number(v);
const keep = (v: string) => v;
pg.types.setTypeParser(20, toNumber);
pg.types.setTypeParser(1700, toNumber);
pg.types.setTypeParser(1082, keep);
const pgliteParsers = { 20: toNumber, 1700: toNumber, 1082: keep };

/** Runs a query and returns its rows, the same on both drivers. */
export async function rows<T>(db: Db, query: SQL, opts?: QueryOptions): Promise<T[]> {
  return (await db.execute<T>(query, opts)).rows;
}

/** Runs a query and returns its first row or null. */
export async function one<T>(db: Db, query: SQL, opts?: QueryOptions): Promise<T | null> {
  return (await rows<T>(db, query, opts))[0] ?? null;
}

type Runner = (text: string, params: unknown[], name?: string) => Promise<{ rows: unknown[] }>;

/**
 * A handle on one connection (depth 0) or inside an open transaction on it (depth > 0): a transaction at
 * depth 0 is BEGIN/COMMIT, deeper ones are savepoints.
 */
function txHandle(run: Runner, depth: number): Db {
  return {
    async execute<T>(query: SQL, opts?: QueryOptions) {
      const q = dialect.sqlToQuery(query);
      return (await run(q.sql, q.params, opts?.prepare)) as { rows: T[] };
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const sp = `sp${depth}`;
      await run(depth === 0 ? 'begin' : `savepoint ${sp}`, []);
      try {
        const out = await fn(txHandle(run, depth + 1));
        await run(depth === 0 ? 'commit' : `release savepoint ${sp}`, []);
        return out;
      } catch (err) {
        await run(depth === 0 ? 'rollback' : `rollback to savepoint ${sp}`, []);
        throw err;
      }
    },
  };
}

/**
 * Opens PGlite (with PostGIS) in dataDir, or in memory for "memory://". A new database starts from `load`
 * (a dumped data directory, as a restore gives) or else from the migrated template when one exists (see
 * pglite-template.ts), unless useTemplate is false. A directory open in another process is refused
 * (PgliteInUseError, pglite-lock.ts).
 */
export async function openPglite(dataDir: string, useTemplate = true, load?: Blob): Promise<Database> {
  const memory = dataDir === 'memory://';
  if (!memory) mkdirSync(dataDir, { recursive: true });
  const unlock = memory ? () => undefined : lockPgliteDir(dataDir);
  const fresh = memory || !existsSync(path.join(dataDir, 'PG_VERSION'));
  const template = fresh ? (load ?? (useTemplate ? readTemplate() : null)) : null;
  const client = await PGlite.create(memory ? undefined : dataDir, {
    extensions: { postgis },
    parsers: pgliteParsers,
    ...(template ? { loadDataDir: template } : {}),
  }).catch((err) => {
    unlock();
    throw err;
  });
  const run: Runner = (text, params) => client.query(text, params);
  const db: Db = {
    ...txHandle(run, 0),
    transaction: (fn) =>
      client.transaction((tx: PgliteTx) => fn(txHandle((text, params) => tx.query(text, params), 1))),
  };
  return {
    db,
    kind: 'pglite',
    // PGlite has one connection, so a session lock behaves exactly as on a dedicated pg client.
    async withLock(key, fn) {
      await client.query('select pg_advisory_lock($1)', [key]);
      try {
        return await fn({ db, exec: async (script) => void (await client.exec(script)) });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [key]);
      }
    },
    health: () => ({ state: 'up', downSince: null, lastErrorAt: null }),
    dump: () => client.dumpDataDir('gzip'),
    close: () => client.close().finally(unlock),
  };
}

type WithClient = <T>(fn: (conn: pg.PoolClient) => Promise<T>) => Promise<T>;

/**
 * Lends pool connections, so that a connection that fails never takes the process or the next caller down:
 * refused at once while the breaker says the database is down; an 'error' event while the connection is
 * checked out (it ends between two statements of a transaction) is caught instead of being thrown by the
 * emitter; a connection that broke is discarded on release, never reused; availability failures reach the
 * caller as DbUnavailableError.
 */
function lender(pool: pg.Pool, breaker: DbBreaker, log: DbLog): WithClient {
  return async (fn) => {
    const probe = breaker.admit();
    let conn: pg.PoolClient;
    try {
      conn = await pool.connect();
    } catch (err) {
      throw breaker.connectFailed(err, probe);
    }
    breaker.connected(probe);
    let broken: Error | undefined;
    const onError = (err: Error) => {
      broken ??= err;
    };
    conn.on('error', onError);
    try {
      return await fn(conn);
    } catch (err) {
      // DbUnavailableError comes from another lease taken inside fn (the breaker refused it, or its own
      // connection broke): this connection is not known to be broken
      if (!isDbUnavailable(err) || err instanceof DbUnavailableError) throw err;
      broken ??= err as Error;
      breaker.dropped();
      log.warn({ err }, 'database connection lost during a request; discarded');
      throw new DbUnavailableError(err);
    } finally {
      conn.off('error', onError);
      conn.release(broken);
    }
  };
}

/** A handle on a pg pool; transactions take a dedicated connection from the pool. */
function pgHandle(withClient: WithClient): Db {
  const run: Runner = (text, params, name) =>
    withClient((conn) => conn.query({ text, values: params, name }));
  return {
    ...txHandle(run, 0),
    transaction: (fn) =>
      withClient(async (conn) => {
        // One query at a time on the transaction's connection, in the order issued: code inside a transaction
        // may start several at once (Promise.all), which pg 8 queues itself with a deprecation warning and
        // pg 9 will refuse.
        let tail: Promise<unknown> = Promise.resolve();
        const runOnConn: Runner = (text, params, name) => {
          const next = tail.then(() => conn.query({ text, values: params, name }));
          tail = next.catch(() => undefined);
          return next;
        };
        try {
          await conn.query('begin');
          const out = await fn(txHandle(runOnConn, 1));
          // When the connection is lost during COMMIT nobody knows whether it happened: the caller gets 503
          // and nothing is acknowledged; a report retried with its Idempotency-Key then finds its first case.
          await conn.query('commit');
          return out;
        } catch (err) {
          await conn.query('rollback').catch(() => undefined);
          throw err;
        }
      }),
  };
}

/** Connection settings of the PostgreSQL pool (DB_CONNECT_TIMEOUT_MS, DB_RETRY_MS; see docs/outages.md). */
export interface PostgresOptions {
  /** how long making a connection, or waiting for a free one, may take before the request is answered 503 */
  connectTimeoutMs?: number;
  /** after a failed connection: how long requests are refused at once before one tries again */
  retryMs?: number;
  /** where lost connections and outages are logged; a pino logger at level warn on stdout by default */
  log?: DbLog;
  /** false: do not connect at once (a read replica may be down when the server starts; reads then fall back) */
  check?: boolean;
  /** more session settings, e.g. `-c synchronous_commit=remote_apply` for tests that read from a standby */
  sessionOptions?: string;
}

/**
 * Connects a pool to PostgreSQL at url. JIT compilation is off for the server's sessions: it pays off only
 * for long analytic scans, and PostgreSQL starts it by estimated cost, so a short statement with a poor row
 * estimate (a set-returning function, a correlated subquery) could spend most of a second compiling.
 * The pool survives dropped connections and database restarts (see lender and DbBreaker).
 */
export async function openPostgres(url: string, max = 10, opts: PostgresOptions = {}): Promise<Database> {
  const log = opts.log ?? pino({ level: 'warn' });
  const pool = new pg.Pool({
    connectionString: url,
    max,
    options: `-c jit=off ${opts.sessionOptions ?? ''}`.trim(),
    // lets operators (and the tests) tell the server’s sessions apart in pg_stat_activity
    application_name: 'civicgrid',
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
    // a peer that vanished without closing the socket (a cut cable, a dead VM) is noticed by TCP keepalive
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  const breaker = new DbBreaker({ retryMs: opts.retryMs ?? 1_000, log });
  // pg-pool removes an idle connection that dies (a restart, pg_terminate_backend) and emits 'error' here:
  // without a listener that event would end the process.
  pool.on('error', (err) => {
    breaker.dropped();
    log.warn({ err }, 'idle database connection lost; discarded');
  });
  const withClient = lender(pool, breaker, log);
  if (opts.check !== false) await withClient((conn) => conn.query('select 1'));
  return {
    db: pgHandle(withClient),
    kind: 'postgres',
    withLock: (key, fn) =>
      withClient(async (conn) => {
        await conn.query('select pg_advisory_lock($1)', [key]);
        try {
          const run: Runner = (text, params) => conn.query(text, params);
          return await fn({ db: txHandle(run, 0), exec: async (script) => void (await conn.query(script)) });
        } finally {
          await conn.query('select pg_advisory_unlock($1)', [key]);
        }
      }),
    health: () => breaker.health(),
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    close: () => pool.end(),
  };
}

/**
 * Opens the configured database: PostgreSQL when a URL is given (with the read replica of DATABASE_READ_URL
 * when set), otherwise PGlite under dataDir/pglite.
 */
export async function openDatabase(
  opts: {
    databaseUrl: string | null;
    databaseReadUrl?: string | null;
    readMaxLagMs?: number;
    dataDir: string;
    dbConnectTimeoutMs?: number;
    dbRetryMs?: number;
  },
  log?: DbLog,
): Promise<Database> {
  if (!opts.databaseUrl)
    return openPglite(opts.dataDir === 'memory://' ? 'memory://' : `${opts.dataDir}/pglite`);
  const connection = { connectTimeoutMs: opts.dbConnectTimeoutMs, retryMs: opts.dbRetryMs };
  const primary = await openPostgres(opts.databaseUrl, 10, { ...connection, log });
  if (!opts.databaseReadUrl) return primary;
  const { withReadReplica } = await import('./read-replica.ts');
  return withReadReplica(primary, opts.databaseReadUrl, {
    ...connection,
    maxLagMs: opts.readMaxLagMs ?? 2_000,
    log: log ?? pino({ level: 'warn' }),
  });
}
