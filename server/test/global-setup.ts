import { openPostgres } from '../src/infra/db.ts';
import { ensurePgliteTemplate, migrate } from '../src/infra/migrate.ts';
import { seedCategories } from '../src/modules/categories/seed-categories.ts';

/** Prepares the database engine once per run: the PGlite template, or the schema on PostgreSQL. */
export default async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return ensurePgliteTemplate();
  const database = await openPostgres(url, 2);
  try {
    await migrate(database);
    await seedCategories(database.db);
  } finally {
    await database.close();
  }
}
