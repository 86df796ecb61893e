import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../src/app.ts';
import type { Config } from '../src/infra/config.ts';
import { type Database, openPglite, openPostgres } from '../src/infra/db.ts';
import { raisedLimitSettings } from '../src/infra/limit-config.ts';
import { migrate } from '../src/infra/migrate.ts';
import { withReadReplica } from '../src/infra/read-replica.ts';
import { seedCategories } from '../src/modules/categories/seed-categories.ts';
import { seedChecklists } from '../src/modules/inspections/seed-checklists.ts';

let shared: Promise<Database> | null = null;

/**
 * The worker's database: PostgreSQL when DATABASE_URL is set (CI's integration run), otherwise an in-memory
 * PGlite started from the migrated template. Tests never truncate; each builds its own tenant.
 */
export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const url = process.env.DATABASE_URL;
    const readUrl = process.env.DATABASE_READ_URL;
    // with a standby (CI's replica run) every test write waits until the standby has applied it, so a
    // request right after a factory's insert finds the row whichever database it reads
    const sessionOptions = readUrl ? '-c synchronous_commit=remote_apply' : undefined;
    const primary = url ? await openPostgres(url, 5, { sessionOptions }) : await openPglite('memory://');
    const database =
      url && readUrl
        ? await withReadReplica(primary, readUrl, { maxLagMs: 2_000, max: 5, log: pino({ level: 'warn' }) })
        : primary;
    await migrate(database);
    // reference data every case test relies on (a no-op when already there)
    await seedCategories(database.db);
    await seedChecklists(database.db);
    return database;
  })();
  return shared;
}

/** Configuration for an app under test. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: process.env.DATABASE_URL ?? null,
    databaseReadUrl: process.env.DATABASE_READ_URL ?? null,
    dataDir: 'memory://',
    secretKey: 'test-secret-key-that-is-long-enough-000',
    logLevel: 'silent',
    demo: false,
    tileUrl: null,
    publicUrl: null,
    sessionHours: 12,
    webDist: '/nonexistent',
    open311ApiKeys: [],
    open311Jurisdiction: null,
    dbConnectTimeoutMs: 5_000,
    dbRetryMs: 1_000,
    trustProxy: false,
    auditRetentionDays: null,
    // no internal destinations: tests that post to a local receiver allow 127.0.0.1 themselves
    webhookAllowHosts: [],
    apiTokenDays: 90,
    // request rates raised so tests may send many requests from one address; limit tests set low ones
    limits: raisedLimitSettings(),
    ...overrides,
  };
}

/** A Fastify app on the worker's database, for `app.inject()`. */
export async function testApp(): Promise<FastifyInstance> {
  const app = await buildApp({ config: testConfig(), database: await testDatabase(), logger: false });
  await app.ready();
  return app;
}

/**
 * Real apps under changed settings (PUBLIC_URL, TRUST_PROXY, …) for one test file, to test what a setting
 * does; `closeAll` in afterAll.
 */
export function appsWithSettings() {
  const apps: FastifyInstance[] = [];
  return {
    async with(overrides: Partial<Config> = {}): Promise<FastifyInstance> {
      const app = await buildApp({
        config: testConfig(overrides),
        database: await testDatabase(),
        logger: false,
      });
      await app.ready();
      apps.push(app);
      return app;
    },
    async closeAll(): Promise<void> {
      for (const app of apps) await app.close();
    },
  };
}
