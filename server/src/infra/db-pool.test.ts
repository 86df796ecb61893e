import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.ts';
import { type Database, type Db, one, openPostgres } from './db.ts';
import type { DbLog } from './db-breaker.ts';
import { DbUnavailableError } from './db-errors.ts';

const url = process.env.DATABASE_URL;

/** The backend process id of the connection a statement runs on. */
const backendPid = async (db: Db) =>
  (await one<{ pid: number }>(db, sql`select pg_backend_pid() as pid`))!.pid;

// Only PostgreSQL has connections to drop (CI's `npm run test:pg`); PGlite runs in-process.
describe.skipIf(!url)('the PostgreSQL pool when connections are dropped', () => {
  let admin: Db;
  let database: Database;
  const logged: string[] = [];
  const log: DbLog = {
    warn: (_o, msg) => logged.push(msg),
    error: (_o, msg) => logged.push(msg),
  };
  /** pg_terminate_backend, waiting until the backend has gone (as an operator or a failover would). */
  const terminate = (pid: number) => admin.execute(sql`select pg_terminate_backend(${pid}::int, 5000)`);
  const until = async (what: () => boolean) => {
    for (let i = 0; i < 100 && !what(); i++) await new Promise((r) => setTimeout(r, 20));
  };

  beforeAll(async () => {
    admin = (await testDatabase()).db;
    database = await openPostgres(url!, 2, { log, connectTimeoutMs: 2_000, retryMs: 200 });
  });
  afterAll(() => database?.close());

  it('survives an idle connection being terminated: logged, discarded, the next query on a new one', async () => {
    const before = await backendPid(database.db);
    await terminate(before);
    // the 'error' pg-pool emits for it would end the process without a listener
    await until(() => logged.includes('idle database connection lost; discarded'));
    expect(logged).toContain('idle database connection lost; discarded');
    const after = await backendPid(database.db);
    expect(after).not.toBe(before);
    expect(database.health()).toMatchObject({ state: 'up', lastErrorAt: expect.any(Date) });
  });

  it('fails a transaction whose connection is terminated between statements with DbUnavailableError, and never reuses that connection', async () => {
    let killed = 0;
    const attempt = database.db.transaction(async (tx) => {
      killed = await backendPid(tx);
      // the connection is checked out and idle in the transaction: its 'error' event has no pool listener
      await terminate(killed);
      await new Promise((r) => setTimeout(r, 100));
      await tx.execute(sql`select 1`);
    });
    await expect(attempt).rejects.toBeInstanceOf(DbUnavailableError);
    // both pooled connections serve the next statements; none is the terminated one
    const pids = await Promise.all([1, 2, 3, 4].map(() => database.db.transaction(backendPid)));
    expect(pids).not.toContain(killed);
  });

  it('fails a statement whose connection is terminated while it runs with DbUnavailableError, then carries on', async () => {
    const pidBefore = await backendPid(database.db);
    const sleeping = database.db.execute(sql`select pg_sleep(5)`).then(
      () => null,
      (err: unknown) => err,
    );
    // wait until the sleep is running, then end its backend
    const running = async () =>
      (
        await one<{ pid: number }>(
          admin,
          sql`select pid from pg_stat_activity where query = 'select pg_sleep(5)' and application_name = 'civicgrid'
              and state = 'active' limit 1`,
        )
      )?.pid;
    let pid: number | undefined;
    for (let i = 0; i < 100 && !pid; i++) pid = await running();
    expect(pid).toBeDefined();
    await terminate(pid!);
    expect(await sleeping).toBeInstanceOf(DbUnavailableError);
    expect(await backendPid(database.db)).toBeGreaterThan(0);
    expect(pidBefore).toBeGreaterThan(0);
    expect(database.health().state).toBe('up');
  });
});
