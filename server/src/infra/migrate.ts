import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Database, openPglite, rows } from './db.ts';
import { MIGRATIONS_DIR, readTemplate, writeTemplate } from './pglite-template.ts';

/** Advisory lock key that serialises migration runs across server processes. */
const MIGRATION_LOCK = 4_116_020;

/** Applies every migration file not yet recorded, each in its own transaction, under an advisory lock. */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  return database.withLock(MIGRATION_LOCK, async ({ db, exec }) => {
    // only when missing: the application's own role may read it but has no right to create tables
    const [known] = await rows<{ ok: boolean }>(
      db,
      sql`select to_regclass('schema_migrations') is not null as ok`,
    );
    if (!known?.ok) {
      await db.execute(
        sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`,
      );
    }
    const done = new Set(
      (await rows<{ name: string }>(db, sql`select name from schema_migrations`)).map((r) => r.name),
    );
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const text = readFileSync(path.join(dir, file), 'utf8');
      // Migration files hold several statements, so they run through the simple protocol in one transaction.
      try {
        await exec(`begin;\n${text}\n;insert into schema_migrations (name) values ('${file}');\ncommit;`);
      } catch (err) {
        await exec('rollback');
        throw new Error(`Migration ${file} failed: ${(err as Error).message}`);
      }
      applied.push(file);
    }
    return applied;
  });
}

/** Makes the migrated PGlite template if it is missing (run by `npm ci` through the prepare script). */
export async function ensurePgliteTemplate(): Promise<void> {
  if (readTemplate()) return;
  const database = await openPglite('memory://', false);
  try {
    await migrate(database);
    await writeTemplate(await database.dump!());
  } finally {
    await database.close();
  }
}
