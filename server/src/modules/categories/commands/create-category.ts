import type { Category } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { findCategory } from '../queries.ts';
import { assertQuestions, type CategoryChanges, categoryColumns } from './category-columns.ts';

/** A new sub-category: its top-level parent, an optional code (the next free one otherwise) and fields. */
export type NewCategory = CategoryChanges &
  Required<Pick<CategoryChanges, 'nameZh' | 'nameEn' | 'limits'>> & { parentCode: string; code?: string };

/** Who makes a change, for the audit row. */
export interface ChangedBy {
  actorId: string | null;
  scopeCode: string | null;
  ip: string | null;
}

/**
 * The next free `TT.SS` under a top-level code: the number after the highest taken, so codes follow creation;
 * once `TT.99` is taken (an administrator may choose any code), the lowest free one; null when all 99 are taken.
 */
async function nextCode(tx: Db, parentCode: string): Promise<string | null> {
  const row = await one<{ n: number }>(
    tx,
    sql`with taken as (
          select substr(code, ${parentCode.length + 2})::int as n from categories
          where parent_code = ${parentCode} and substr(code, ${parentCode.length + 2}) ~ '^[0-9]{2}$')
        select s.n from generate_series(1, 99) s(n)
        where s.n not in (select n from taken)
        order by s.n > coalesce((select max(n) from taken), 0) desc, s.n
        limit 1`,
  );
  return row ? `${parentCode}.${String(row.n).padStart(2, '0')}` : null;
}

/**
 * Creates a sub-category under an existing top-level one. Bucket and owner type default to the parent's;
 * the parent row is locked so two concurrent creations cannot pick the same next code.
 */
export async function createCategory(db: Db, input: NewCategory, by: ChangedBy): Promise<Category> {
  assertQuestions(input);
  const code = await db.transaction(async (tx) => {
    const parent = await one<{ code: string; bucket: string | null; ownerUnitType: string | null }>(
      tx,
      sql`select code, bucket, owner_unit_type as "ownerUnitType" from categories
          where code = ${input.parentCode} and parent_code is null for update`,
    );
    if (!parent) {
      throw new AppError('CATEGORY_UNKNOWN', 400, [
        { field: 'body/parentCode', message: 'no such top-level category' },
      ]);
    }
    const code = input.code ?? (await nextCode(tx, parent.code));
    if (!code?.startsWith(`${parent.code}.`)) {
      const message = code ? `must start with ${parent.code}.` : `no free code left under ${parent.code}`;
      throw new AppError('VALIDATION_FAILED', 400, [{ field: 'body/code', message }]);
    }
    if (await one(tx, sql`select 1 from categories where code = ${code}`))
      throw new AppError('CONFLICT', 409);
    const { parentCode: _p, code: _c, ...fields } = input;
    const sort = await one<{ next: number }>(
      tx,
      sql`select coalesce(max(sort), 0) + 1 as next from categories where parent_code = ${parent.code}`,
    );
    const columns = categoryColumns({
      bucket: parent.bucket as Category['bucket'],
      ownerUnitType: parent.ownerUnitType as Category['ownerUnitType'],
      sort: sort!.next,
      ...fields,
    });
    await tx.execute(
      sql`insert into categories (code, parent_code, ${sql.join(
        columns.map((c) => c.column),
        sql`, `,
      )}) values (${code}, ${parent.code}, ${sql.join(
        columns.map((c) => c.value),
        sql`, `,
      )})`,
    );
    const created = await findCategory(tx, code);
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'category.create',
      entity: 'category',
      entityId: code,
      scopeCode: by.scopeCode,
      after: created,
      ip: by.ip,
    });
    return code;
  });
  return (await findCategory(db, code))!;
}
