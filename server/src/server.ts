import type { FastifyInstance } from 'fastify';
import { type DestinationStream, pino } from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './infra/config.ts';
import { type Database, openDatabase } from './infra/db.ts';
import { startMetricsListener } from './infra/metrics-route.ts';
import { migrate } from './infra/migrate.ts';
import { type Sweep, startSweeps } from './infra/sweeps.ts';
import { auditPurgeSweep } from './modules/audit/audit-purge-sweep.ts';
import { loginGuardSweep } from './modules/auth/login-guard.ts';
import { bulletinSweep } from './modules/bulletins/sweep.ts';
import { careSweep } from './modules/care/care-sweep.ts';
import { deviceHealthSweep } from './modules/care-devices/health-sweep.ts';
import { sightingRetentionSweep } from './modules/care-devices/retention-sweep.ts';
import { escalationSweep } from './modules/cases/escalation-sweep.ts';
import { seedCategories } from './modules/categories/seed-categories.ts';
import { type DemoAccount, isEmpty, seedDemo } from './modules/demo/seed-demo.ts';
import { morningInspectionSweep } from './modules/inspections/morning-sweep.ts';
import { seedChecklists } from './modules/inspections/seed-checklists.ts';
import { webhookSweep } from './modules/notify/webhook-sweep.ts';
import { completeResidents } from './modules/people/complete-demo-residents.ts';
import { importSweep } from './modules/people/import/run-import.ts';
import { cipherFromConfig } from './modules/personal-data/cipher.ts';
import { sealLegacyPlaintext } from './modules/personal-data/seal-legacy.ts';
import { orphanPhotoSweep } from './modules/photos/orphan-sweep.ts';
import { photoStore } from './modules/photos/photo-store.ts';
import { rollupSweep } from './modules/rollups/sweep.ts';

/** How long in-flight requests may take to finish once shutdown starts. */
const SHUTDOWN_GRACE_MS = 10_000;

/** The audit purge, only when AUDIT_RETENTION_DAYS is set (unset: audit rows are kept for good). */
function auditPurge(database: Database, config: Config): Sweep[] {
  return config.auditRetentionDays ? [auditPurgeSweep(database.db, config.auditRetentionDays)] : [];
}

/** A running CivicGrid server and the way to stop it gracefully. */
export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  /** Demo accounts created by this start (empty unless the database was empty and demo is on). */
  accounts: DemoAccount[];
  /** DEMO_PASSWORD was given but the database already held data, so no account was given it */
  demoPasswordIgnored: boolean;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  shutdown(): Promise<void>;
}

/** Starts CivicGrid: database → migrations → demo data on an empty database → HTTP server. */
export async function startServer(
  config: Config,
  opts: { demo: boolean; demoPassword?: string; logger?: boolean; logStream?: DestinationStream },
): Promise<RunningServer> {
  // the pool logs lost connections and outages from the first connection on, before the app (and its
  // logger) exists; same level and JSON lines as the app's log
  const level = opts.logger === false ? 'silent' : config.logLevel;
  const dbLog = opts.logStream ? pino({ level, name: 'db' }, opts.logStream) : pino({ level, name: 'db' });
  const database = await openDatabase(config, dbLog);
  await migrate(database);
  const cipher = cipherFromConfig(config);
  // personal data stored in clear by an older version is sealed before anyone can read it
  const sealed = await sealLegacyPlaintext(database, cipher);
  await completeResidents(database, cipher);
  await seedCategories(database.db);
  await seedChecklists(database.db);
  let accounts: DemoAccount[] = [];
  const fresh = await isEmpty(database.db);
  if (opts.demo && fresh) {
    accounts = await seedDemo(database.db, { password: opts.demoPassword, cipher });
  }
  const app = await buildApp({ config, database, logger: opts.logger, logStream: opts.logStream });
  if (Object.keys(sealed).length) app.log.info({ sealed }, 'personal data stored in clear is now sealed');
  await app.listen({ port: config.port, host: config.host });
  const sweeps = startSweeps(
    [
      escalationSweep(database.db),
      orphanPhotoSweep(database.db, photoStore(config)),
      ...auditPurge(database, config),
      webhookSweep(database.db, { publicUrl: config.publicUrl, allowHosts: config.webhookAllowHosts }),
      loginGuardSweep(database.db),
      importSweep(database.db, cipher),
      bulletinSweep(database.db),
      deviceHealthSweep(database.db),
      sightingRetentionSweep(database.db),
      careSweep(database.db, cipher),
      morningInspectionSweep(database.db),
      rollupSweep(database.db),
    ],
    app.log,
  );
  const metricsListener = config.metricsListen
    ? await startMetricsListener(database, config.metricsListen)
    : null;
  const { port } = app.server.address() as { port: number };
  let closing: Promise<void> | null = null;
  return {
    app,
    database,
    accounts,
    // the demo is seeded only into an empty database: on an existing one the password changes nothing
    demoPasswordIgnored: Boolean(opts.demoPassword) && !fresh,
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    shutdown() {
      closing ??= (async () => {
        app.log.info('shutting down: no new connections, finishing in-flight requests');
        // A connection kept alive after its last response would hold close() open for the keep-alive
        // timeout; close such connections as soon as they fall idle, and cut everything after a grace period.
        const idle = setInterval(() => app.server.closeIdleConnections(), 100);
        const hard = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        try {
          await sweeps.stop();
          metricsListener?.close();
          await app.close();
        } finally {
          clearInterval(idle);
          clearTimeout(hard);
        }
        await database.close();
      })();
      return closing;
    },
  };
}
