import { sql } from 'drizzle-orm';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../test/database.ts';
import { createTenant, createUserWith, loginAs } from '../../test/factories.ts';
import { type Database, type Db, one, openPostgres } from './db.ts';
import { formatLsn, parseLsn, type ReadContext, withReadContext, withReadReplica } from './read-replica.ts';
import { parseWriteMark } from './read-replica-hooks.ts';

const primaryUrl = process.env.DATABASE_URL;
const readUrl = process.env.DATABASE_READ_URL;
const quiet = pino({ level: 'silent' });

/** Runs fn as a read-only request with the given write mark would. */
function asReadRequest<T>(
  fn: () => Promise<T>,
  ctx: ReadContext = { replica: true, mark: null },
): Promise<T> {
  return new Promise<T>((resolve, reject) => withReadContext(ctx, () => void fn().then(resolve, reject)));
}
const inRecovery = async (db: Db) => (await one<{ r: boolean }>(db, sql`select pg_is_in_recovery() as r`))!.r;

describe('WAL positions and write marks', () => {
  it('orders positions as PostgreSQL does and reads back what it writes', () => {
    expect(parseLsn('16/B374D848') > parseLsn('9/FFFFFFFF')).toBe(true);
    expect(formatLsn(parseLsn('16/B374D848'))).toBe('16/B374D848');
    expect(parseWriteMark('0/4000028.1733116800000')).toEqual({
      lsn: parseLsn('0/4000028'),
      at: 1733116800000,
    });
    expect(parseWriteMark('0/4000028')).toBeNull();
    expect(parseWriteMark('drop table cases')).toBeNull();
  });
});

describe.skipIf(!primaryUrl || !readUrl)('reads on a streaming standby (DATABASE_READ_URL)', () => {
  let shared: Database;
  // a superuser session on the standby itself, to pause and resume its replay
  let standby: pg.Client;
  const opened: Database[] = [];

  beforeAll(async () => {
    shared = await testDatabase();
    standby = new pg.Client({ connectionString: readUrl });
    await standby.connect();
  });
  afterAll(async () => {
    await standby.query('select pg_wal_replay_resume()').catch(() => undefined);
    await standby.end();
    for (const d of opened) await d.close();
  });

  /** A router of its own, on a primary pool that does not wait for the standby (as the server's does). */
  async function router(maxLagMs: number, url = readUrl!): Promise<Database> {
    const primary = await openPostgres(primaryUrl!, 2, { log: quiet });
    const d = await withReadReplica(primary, url, {
      maxLagMs,
      probeMs: 50,
      max: 2,
      log: quiet,
      retryMs: 100,
    });
    opened.push(d);
    return d;
  }

  /** Measures the router's replica now and returns what it found. */
  async function probed(d: Database) {
    await d.reads!.probe();
    return d.reads!.state();
  }

  /** Pauses the standby's replay while fn runs (other test files' writes wait for it meanwhile). */
  async function replayPaused<T>(fn: () => Promise<T>): Promise<T> {
    await standby.query('select pg_wal_replay_pause()');
    try {
      return await fn();
    } finally {
      await standby.query('select pg_wal_replay_resume()');
    }
  }

  it('sends a read-only request to the standby; writes, transactions and other requests to the primary', async () => {
    const reads = shared.reads!;
    expect(await asReadRequest(() => inRecovery(reads.db))).toBe(true);
    expect(await inRecovery(reads.db)).toBe(false);
    expect(await asReadRequest(() => reads.db.transaction((tx) => inRecovery(tx)))).toBe(false);
    expect(await asReadRequest(() => inRecovery(reads.db), { replica: false, mark: null })).toBe(false);

    // a statement that writes during a read-only request is refused by the standby and runs on the primary,
    // and the rest of that request reads the primary (where its write is)
    const t = await createTenant(shared.db);
    const ctx: ReadContext = { replica: true, mark: null };
    const after = await asReadRequest(async () => {
      await reads.db.execute(sql`update org_nodes set name = ${'改名街道'} where id = ${t.streets[0]!.id}`);
      return inRecovery(reads.db);
    }, ctx);
    expect(after).toBe(false);
    expect(ctx.replica).toBe(false);
    const named = await one<{ name: string }>(
      shared.db,
      sql`select name from org_nodes where id = ${t.streets[0]!.id}`,
    );
    expect(named!.name).toBe('改名街道');
  });

  it('serves a list from the standby and marks a writing request for read-your-own-writes', async () => {
    const app = await testApp();
    const t = await createTenant(shared.db);
    const user = await createUserWith(
      shared.db,
      'district_admin',
      { orgNodeId: t.district.id },
      t.district.code,
    );
    const cookie = await loginAs(app, user);
    const before = shared.reads!.counters.replica;
    const res = await app.inject({ method: 'GET', url: '/api/cases?limit=5', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(shared.reads!.counters.replica).toBeGreaterThan(before);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: user.password },
    });
    expect(parseWriteMark(login.cookies.find((c) => c.name === 'cg_rw')?.value)).not.toBeNull();
    await app.close();
  });

  it('falls back to the primary when the standby cannot be reached', async () => {
    const lost = await router(2_000, 'postgres://civicgrid:x@127.0.0.1:1/civicgrid_test');
    expect(lost.reads!.state().state).toBe('down');
    expect(await asReadRequest(() => inRecovery(lost.reads!.db))).toBe(false);
    expect(lost.reads!.counters.fallback.down).toBeGreaterThan(0);
  });

  it('falls back to the primary while the standby lags more than the maximum', async () => {
    const d = await router(300);
    const t = await createTenant(d.db);
    await expect.poll(async () => (await probed(d)).state).toBe('fresh');
    expect(await asReadRequest(() => inRecovery(d.reads!.db))).toBe(true);
    await replayPaused(async () => {
      await d.db.execute(sql`update org_nodes set name = ${'滞后'} where id = ${t.district.id}`);
      await new Promise((r) => setTimeout(r, 700));
      await d.reads!.probe();
      expect(d.reads!.state().state).toBe('lagging');
      expect(await asReadRequest(() => inRecovery(d.reads!.db))).toBe(false);
    });
    await expect.poll(async () => (await probed(d)).state, { timeout: 10_000 }).toBe('fresh');
    expect(await asReadRequest(() => inRecovery(d.reads!.db))).toBe(true);
  });

  it('reads a session’s own write from the primary until the standby has replayed it', async () => {
    const d = await router(60_000);
    // written through the test pool, which waits until the standby has it
    const t = await createTenant(shared.db);
    const nameOn = (db: Db) =>
      one<{ name: string }>(db, sql`select name from org_nodes where id = ${t.district.id}`).then(
        (r) => r!.name,
      );
    await expect.poll(async () => (await probed(d)).state).toBe('fresh');
    await replayPaused(async () => {
      await d.db.execute(sql`update org_nodes set name = ${'自己写的'} where id = ${t.district.id}`);
      const mark = await d.reads!.writeMark();
      await d.reads!.probe();
      // the writer sees its write; another session reads the standby, which is within the lag allowed
      expect(await asReadRequest(() => nameOn(d.reads!.db), { replica: true, mark })).toBe('自己写的');
      expect(await asReadRequest(() => nameOn(d.reads!.db))).not.toBe('自己写的');
      expect(d.reads!.counters.fallback['own-write']).toBeGreaterThan(0);
    });
    // once replayed (a later write moves the WAL past the page the mark may point into), the standby serves it
    const mark = (await d.reads!.writeMark())!;
    await createTenant(d.db);
    await expect
      .poll(async () => (await probed(d)).replayLsn! >= mark.lsn, {
        timeout: 10_000,
      })
      .toBe(true);
    const before = d.reads!.counters.replica;
    expect(await asReadRequest(() => nameOn(d.reads!.db), { replica: true, mark })).toBe('自己写的');
    expect(d.reads!.counters.replica).toBe(before + 1);
  });
});
