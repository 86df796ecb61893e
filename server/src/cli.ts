import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type Config, loadConfig } from './infra/config.ts';
import { type Database, openDatabase } from './infra/db.ts';
import { AppError } from './infra/errors.ts';
import { migrate } from './infra/migrate.ts';
import { BACKUP_USAGE, backupCommand } from './modules/backup/cli.ts';
import { importBoundaries } from './modules/org/commands/import-boundaries.ts';
import { findNodeByCode } from './modules/org/queries.ts';
import { cipherFromConfig } from './modules/personal-data/cipher.ts';
import { rotatePersonalData } from './modules/personal-data/rotate-keys.ts';
import { sealLegacyPlaintext } from './modules/personal-data/seal-legacy.ts';
import { createUser } from './modules/users/commands/create-user.ts';
import { grantRole } from './modules/users/commands/grant-role.ts';
import { resetUserPassword } from './modules/users/commands/reset-password.ts';

const USAGE = `Usage: npm run cli -- <command> [options]
  migrate                            apply pending migrations (as the owner role, see docs/database-role.md)
  import-geojson <file.geojson>      import a boundary layer (all-or-nothing; problems listed per feature)
  create-admin --username U --password P --district-code 411602 [--district-name 川汇区]
                                     create the first district administrator (creates the district node if missing)
  reset-password <username> [--password P] [--enable]
                                     set a new password (a random one is printed when none is given), end the
                                     account's sessions and lift a login lockout; --enable also re-enables it
  --help                             this text (touches no database)
  rotate-personal-data [--batch 500]  re-seal personal data under the current SECRET_KEY / PERSONAL_DATA_CIPHER
                                     (keep the old secret in SECRET_KEY_PREVIOUS until this reports nothing left;
                                     safe while servers run; see docs/personal-data.md)
${BACKUP_USAGE}`;

async function importGeojson(database: Database, file: string | undefined): Promise<void> {
  if (!file) throw new Error('import-geojson needs a file path');
  const input = JSON.parse(readFileSync(file, 'utf8'));
  const result = await importBoundaries(database.db, input, { actorId: null, scopes: null, ip: 'cli' });
  console.log(`Imported: ${result.created} created, ${result.updated} updated.`);
}

async function createAdmin(database: Database, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'district-code': { type: 'string' },
      'district-name': { type: 'string' },
      'display-name': { type: 'string' },
    },
  });
  const code = values['district-code'];
  if (!values.username || !values.password || !code)
    throw new Error('create-admin needs --username, --password and --district-code');
  if (!/^[0-9]{6}$/.test(code)) throw new Error('--district-code must be a 6-digit GB/T 2260 code');
  if (values.password.length < 8) throw new Error('--password must be at least 8 characters');
  if (!(await findNodeByCode(database.db, code))) {
    await database.db.execute(
      sql`insert into org_nodes (code, level, name) values (${code}, 'district', ${values['district-name'] ?? code})`,
    );
  }
  const district = (await findNodeByCode(database.db, code))!;
  const user = await createUser(
    database.db,
    {
      username: values.username,
      password: values.password,
      displayName: values['display-name'] ?? values.username,
      homeCode: code,
    },
    { actorId: null, ip: 'cli' },
  );
  await grantRole(database.db, null, user.id, { role: 'district_admin', orgNodeId: district.id }, 'cli');
  console.log(`Created district administrator "${values.username}" for ${district.name} (${code}).`);
}

async function rotatePersonal(database: Database, config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { batch: { type: 'string' } } });
  const batch = Number(values.batch ?? 500);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new Error('--batch must be 1–10000');
  const cipher = cipherFromConfig(config);
  console.log(`Re-sealing personal data under key ${cipher.currentPrefix.slice(3, -1)} …`);
  const counts = await rotatePersonalData(database.db, cipher, {
    batch,
    onBatch: (column, n) => console.log(`  ${column}: ${n} re-sealed so far`),
  });
  for (const c of counts) console.log(`${c.column}: ${c.resealed} re-sealed`);
  console.log('Done: every personal value is under the current key; SECRET_KEY_PREVIOUS may now be removed.');
}

async function resetPassword(database: Database, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { password: { type: 'string' }, enable: { type: 'boolean' } },
  });
  const username = positionals[0];
  if (!username) throw new Error('reset-password needs a username: npm run cli -- reset-password admin');
  const generated = values.password === undefined;
  const password = values.password ?? randomBytes(12).toString('base64url');
  const done = await resetUserPassword(database.db, username, password, { enable: Boolean(values.enable) });
  if (!done) throw new Error(`No user "${username}".`);
  console.log(
    generated
      ? `New password of "${username}" (shown only this once): ${password}`
      : `Password of "${username}" changed.`,
  );
  console.log('Its sessions were ended and any login lockout lifted.');
}

const COMMANDS = [
  'migrate',
  'import-geojson',
  'create-admin',
  'reset-password',
  'rotate-personal-data',
  'backup',
  'restore',
];
const [command, ...rest] = process.argv.slice(2);
// help, no command or an unknown one: print the usage before anything opens (or creates) a database
if (!command || !COMMANDS.includes(command)) {
  const asked = !command || ['--help', '-h', 'help'].includes(command);
  (asked ? console.log : console.error)(asked ? USAGE : `Unknown command "${command}".\n${USAGE}`);
  process.exit(asked ? 0 : 2);
}
const config = loadConfig();
if (command === 'backup' || command === 'restore') {
  await backupCommand(command, rest, config).catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
  process.exit(0);
}
const database = await openDatabase(config);
try {
  const applied = await migrate(database);
  // values still in clear from before 0014 are sealed first, as a server start would
  await sealLegacyPlaintext(database, cipherFromConfig(config));
  if (command === 'migrate') console.log(applied.length ? `Applied ${applied.join(', ')}.` : 'Up to date.');
  else if (command === 'import-geojson') await importGeojson(database, rest[0]);
  else if (command === 'create-admin') await createAdmin(database, rest);
  else if (command === 'rotate-personal-data') await rotatePersonal(database, config, rest);
  else if (command === 'reset-password') await resetPassword(database, rest);
} catch (err) {
  if (err instanceof AppError) {
    console.error(`${err.code}: ${err.message}`);
    if (err.details) console.error(JSON.stringify(err.details, null, 2));
  } else console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
