import type { Category } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { notFound } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { findCategory } from '../queries.ts';
import { assertQuestions, type CategoryChanges, categoryColumns } from './category-columns.ts';
import type { ChangedBy } from './create-category.ts';

/**
 * Changes a category's names, codes, limits, questions, criteria, activity or order, keeping the row before
 * and after in the audit log. Existing cases keep their category code; deactivating only hides it from intake.
 */
export async function updateCategory(
  db: Db,
  code: string,
  changes: CategoryChanges,
  by: ChangedBy,
): Promise<Category> {
  assertQuestions(changes);
  await db.transaction(async (tx) => {
    const locked = await one(tx, sql`select 1 from categories where code = ${code} for update`);
    if (!locked) throw notFound();
    const before = await findCategory(tx, code);
    const sets = categoryColumns(changes).map((c) => sql`${c.column} = ${c.value}`);
    await tx.execute(
      sql`update categories set ${sql.join([...sets, sql`updated_at = now()`], sql`, `)} where code = ${code}`,
    );
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'category.update',
      entity: 'category',
      entityId: code,
      scopeCode: by.scopeCode,
      before,
      after: await findCategory(tx, code),
      ip: by.ip,
    });
  });
  return (await findCategory(db, code))!;
}
