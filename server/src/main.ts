import { type Config, ConfigError, loadConfig } from './infra/config.ts';
import { isDbUnavailable } from './infra/db-errors.ts';
import type { DemoAccount } from './modules/demo/seed-demo.ts';
import { startServer } from './server.ts';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

function printBanner(url: string, db: string, accounts: DemoAccount[]): void {
  const lines = ['', `CivicGrid is running at ${url}  (database: ${db}, API docs: ${url}/docs)`];
  if (accounts.length) {
    lines.push(
      'Demo district 川汇区 (DEMO DATA) was created. Demo accounts — passwords are shown only this once:',
    );
    for (const a of accounts)
      lines.push(`  ${a.username.padEnd(11)} ${a.password.padEnd(14)} ${a.role.padEnd(16)} ${a.scope}`);
  }
  console.log(lines.join('\n'));
}

/**
 * The last line of defence, for logging only. Lost database connections are handled where they happen
 * (infra/db.ts), so anything that arrives here is a bug whose state cannot be trusted, a database error that
 * escaped its handler included: it is logged as fatal, in the same JSON log as everything else, and the
 * process exits with status 1 so that its supervisor (systemd, Kubernetes) starts a clean one.
 */
function installSafetyNet(log: { fatal(obj: object, msg: string): void }) {
  const onFailure = (kind: string) => (err: unknown) => {
    log.fatal({ err, dbUnavailable: isDbUnavailable(err) }, `${kind}: exiting`);
    process.exit(1);
  };
  process.on('uncaughtException', onFailure('uncaught exception'));
  process.on('unhandledRejection', onFailure('unhandled rejection'));
}

async function startOrExit(config: Config) {
  try {
    return await startServer(config, {
      demo: config.demo && !process.argv.includes('--no-demo'),
      demoPassword: process.env.DEMO_PASSWORD || undefined,
    });
  } catch (err) {
    if (!isDbUnavailable(err)) throw err;
    // at start-up nothing is running yet: say so plainly and let the supervisor try again
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    console.error(`Cannot reach the database (DATABASE_URL): ${cause}`);
    process.exit(1);
  }
}

const config = configOrExit();
const server = await startOrExit(config);
installSafetyNet(server.app.log);
printBanner(server.url, server.database.kind, server.accounts);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void server.shutdown().then(() => process.exit(0)));
}
