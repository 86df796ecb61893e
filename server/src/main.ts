import { startBanner } from './banner.ts';
import { type Config, ConfigError, loadConfig } from './infra/config.ts';
import { isDbUnavailable } from './infra/db-errors.ts';
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
// the banner is for the person at the terminal: stderr, so stdout stays JSON log lines only
console.error(
  startBanner(server.url, server.database.kind, server.accounts, {
    demoPasswordIgnored: server.demoPasswordIgnored,
  }),
);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void server.shutdown().then(() => process.exit(0)));
}
