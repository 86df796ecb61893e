import { openPostgres } from '../../infra/db.ts';
import { issueBulletin } from './commands/issue-bulletin.ts';
import type { BulletinKind } from './schedule.ts';

/**
 * A separate process that issues one bulletin and prints `{"id", "created"}`: the exactly-once test starts two
 * of these against one PostgreSQL at the same moment (bulletins.pg.test.ts).
 * Usage: node --import tsx issue-process.ts <org> <kind> <from> <to>
 */
async function main(): Promise<void> {
  const [org, kind, from, to] = process.argv.slice(2) as [string, BulletinKind, string, string];
  const database = await openPostgres(process.env.DATABASE_URL!, 2);
  try {
    const r = await issueBulletin(database.db, { org, kind, from, to }, new Date(`${to}T23:00:00+08:00`));
    process.stdout.write(`${JSON.stringify(r)}\n`);
  } finally {
    await database.close();
  }
}

void main();
