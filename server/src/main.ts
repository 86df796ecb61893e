import { type Config, ConfigError, loadConfig } from './infra/config.ts';
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

const config = configOrExit();
const server = await startServer(config, {
  demo: config.demo && !process.argv.includes('--no-demo'),
  demoPassword: process.env.DEMO_PASSWORD || undefined,
});
printBanner(server.url, server.database.kind, server.accounts);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void server.shutdown().then(() => process.exit(0)));
}
