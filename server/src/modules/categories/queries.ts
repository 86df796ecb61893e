import type { Category } from '@civicgrid/shared';
import { type SQL, sql } from 'drizzle-orm';
import { batchedPerDb, LOOKUP_BATCHING, settleEach } from '../../infra/batcher.ts';
import { type Db, one, rows } from '../../infra/db.ts';

export type { Category, CategoryQuestion } from '@civicgrid/shared';

const SELECT = sql`select c.code, c.parent_code as "parentCode", c.name_zh as "nameZh", c.name_en as "nameEn",
    c.gb_code as "gbCode", c.bucket, c.owner_unit_type as "ownerUnitType", c.limits,
    c.duplicate_radius_m as "duplicateRadiusM", c.questions, c.keywords, c.inspection_points as "inspectionPoints",
    c.filing_criteria as "filingCriteria", c.closing_criteria as "closingCriteria", c.is_care_alert as "isCareAlert",
    c.active, c.sort
  from categories c`;

/** Categories by code in one query, for a batch of concurrent lookups (every report looks one up). */
async function findCategories(db: Db, codes: string[]): Promise<PromiseSettledResult<Category | null>[]> {
  const found = await rows<Category>(
    db,
    sql`${SELECT} where c.code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`,
    { prepare: 'categories.by-code' },
  );
  const byCode = new Map(found.map((c) => [c.code, c]));
  return settleEach(codes, (code) => byCode.get(code) ?? null);
}

/** One category (top-level or sub-category) by code, active or not, or null. */
export const findCategory: (db: Db, code: string) => Promise<Category | null> = batchedPerDb(
  findCategories,
  LOOKUP_BATCHING,
);

/**
 * The taxonomy as a flat list, each top-level row followed by its sub-categories in their sort order.
 * `activeOnly` also hides the sub-categories of an inactive top-level row, which residents cannot reach.
 */
export function listCategories(db: Db, opts: { activeOnly: boolean }): Promise<Category[]> {
  const where: SQL = opts.activeOnly
    ? sql`where c.active and (c.parent_code is null
        or exists (select 1 from categories p where p.code = c.parent_code and p.active))`
    : sql``;
  return rows<Category>(
    db,
    sql`${SELECT} ${where}
      order by coalesce(c.parent_code, c.code), c.parent_code is not null, c.sort, c.code`,
  );
}

/** Whether the categories table holds any row (the seed runs only on an empty table). */
export async function hasCategories(db: Db): Promise<boolean> {
  return (await one(db, sql`select 1 from categories limit 1`)) !== null;
}
