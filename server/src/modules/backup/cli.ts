import { parseArgs } from 'node:util';
import type { Config } from '../../infra/config.ts';
import { type Database, openDatabase } from '../../infra/db.ts';
import { takeBackup } from './backup.ts';
import { restoreBackup } from './restore.ts';

export const BACKUP_USAGE = `  backup FILE                        one archive of the database and every photo file, with a manifest
                                     (embedded: stop the server first; PostgreSQL: pg_dump while it runs)
  restore FILE [--replace] [--no-owner]
                                     load a backup (embedded: into DATA_DIR, --replace keeps the old one aside;
                                     PostgreSQL: into the empty DATABASE_URL), refuse when SECRET_KEY cannot
                                     decrypt its personal data, upgrade it, and check it (docs/OPERATIONS.md)`;

/**
 * The backup and restore commands. They run before the CLI's usual migrate step: a backup must not change
 * what it copies, and a restore needs its target empty. PGlite is opened by the command itself (only when
 * no server has it open); PostgreSQL is opened here, without migrating.
 */
export async function backupCommand(
  command: 'backup' | 'restore',
  args: string[],
  config: Config,
): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { replace: { type: 'boolean' }, 'no-owner': { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file)
    throw new Error(`${command} needs a file: npm run cli -- ${command} /backups/civicgrid-2026-12-01.tar`);
  const log = (line: string) => console.log(line);
  const database: Database | undefined = config.databaseUrl ? await openDatabase(config) : undefined;
  try {
    const started = Date.now();
    if (command === 'backup') {
      const m = await takeBackup(config, file, { database, log });
      console.log(
        `Backup written to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${m.counts.cases} cases, ` +
          `${m.counts.caseEvents} events, ${m.counts.photos} photos (${m.photoFiles} files), schema ${m.migrations.at(-1)}.`,
      );
      console.log(
        `Personal data in it is sealed under key ${m.sealedUnder.join(', ') || m.secretKeyId}: keep SECRET_KEY ` +
          '(embedded: DATA_DIR/secret.key) safe and apart from the backup; without it a restore cannot decrypt.',
      );
      return;
    }
    const r = await restoreBackup(config, file, {
      replace: values.replace,
      noOwner: values['no-owner'],
      database,
      log,
    });
    console.log(
      `Restored ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.counts.cases} cases, ` +
        `${r.counts.caseEvents} events, ${r.counts.photos} photos (${r.photoFiles} files), all as in the backup; ` +
        `personal data decrypts with this SECRET_KEY.`,
    );
    if (r.upgraded.length) console.log(`Upgraded to this version's schema: ${r.upgraded.join(', ')}.`);
    if (r.missingPhotos)
      console.log(
        `Warning: ${r.missingPhotos} photo rows have no files in the backup (they will answer 404).`,
      );
  } finally {
    await database?.close();
  }
}
