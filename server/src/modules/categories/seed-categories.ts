import { readFileSync } from 'node:fs';
import type { Category } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { CategoryFields, questionProblems } from './schemas.ts';

/** The seed file shipped with the server: PRODUCT §4's taxonomy as data. */
export const CATEGORY_SEED_FILE = new URL('../../../seeds/categories.json', import.meta.url);

/** Serialises concurrent first starts (several processes, or test workers on one PostgreSQL). */
const SEED_LOCK = 0x43_41_54_47; // "CATG"

const { active: _active, sort: _sort, ...seedFields } = CategoryFields;

const SubSeed = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}$' }),
    ...seedFields,
    isCareAlert: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const TopSeed = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9]{2}$' }),
    nameZh: CategoryFields.nameZh,
    nameEn: CategoryFields.nameEn,
    bucket: CategoryFields.bucket,
    ownerUnitType: CategoryFields.ownerUnitType,
    subcategories: Type.Array(SubSeed, { minItems: 1, maxItems: 99 }),
  },
  { additionalProperties: false },
);

const SeedFile = Type.Object(
  { version: Type.Literal(1), categories: Type.Array(TopSeed, { minItems: 1, maxItems: 99 }) },
  { additionalProperties: false },
);

/**
 * Checks a parsed seed and flattens it into category rows (top-level rows first within each group, `sort`
 * from the position in the file). Throws one error listing every problem, so a broken seed stops start-up.
 */
export function parseCategorySeed(data: unknown): Category[] {
  if (!Value.Check(SeedFile, data)) {
    const errors = [...Value.Errors(SeedFile, data)].slice(0, 20).map((e) => `${e.path}: ${e.message}`);
    throw new Error(`categories seed is invalid:\n  ${errors.join('\n  ')}`);
  }
  const problems: string[] = [];
  const out: Category[] = [];
  const seen = new Set<string>();
  const note = (code: string) => {
    if (seen.has(code)) problems.push(`${code}: duplicate code`);
    seen.add(code);
  };
  data.categories.forEach((top, i) => {
    note(top.code);
    out.push({
      code: top.code,
      parentCode: null,
      nameZh: top.nameZh,
      nameEn: top.nameEn,
      gbCode: null,
      bucket: top.bucket,
      ownerUnitType: top.ownerUnitType,
      limits: {},
      duplicateRadiusM: 50,
      questions: [],
      keywords: [],
      inspectionPoints: [],
      filingCriteria: null,
      closingCriteria: null,
      isCareAlert: false,
      active: true,
      sort: i + 1,
    });
    top.subcategories.forEach((sub, j) => {
      note(sub.code);
      if (!sub.code.startsWith(`${top.code}.`)) problems.push(`${sub.code}: not under ${top.code}`);
      for (const p of questionProblems(sub.questions, `${sub.code}/questions`)) {
        problems.push(`${p.field}: ${p.message}`);
      }
      const { isCareAlert = false, ...fields } = sub;
      out.push({ ...fields, parentCode: top.code, isCareAlert, active: true, sort: j + 1 });
    });
  });
  if (problems.length > 0) throw new Error(`categories seed is invalid:\n  ${problems.join('\n  ')}`);
  return out;
}

/** Reads and checks the shipped seed file. */
export function readCategorySeed(file: URL = CATEGORY_SEED_FILE): Category[] {
  return parseCategorySeed(JSON.parse(readFileSync(file, 'utf8')));
}

/** A text[] parameter both drivers accept: the values travel as one JSON array, in order. */
export function textArray(values: readonly string[]): SQL {
  return sql`array(select v from jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)
    with ordinality as t(v, i) order by i)::text[]`;
}

/**
 * Inserts the taxonomy when the categories table is empty and returns how many rows it inserted (0 when the
 * table already had rows, so admins' edits survive restarts). Runs at every server start.
 */
export async function seedCategories(db: Db, seed: Category[] = readCategorySeed()): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    if (await one(tx, sql`select 1 from categories limit 1`)) return 0;
    const values = seed.map(
      (c) => sql`(${c.code}, ${c.parentCode}, ${c.nameZh}, ${c.nameEn}, ${c.gbCode}, ${c.bucket},
        ${c.ownerUnitType}, ${JSON.stringify(c.limits)}::jsonb, ${c.duplicateRadiusM},
        ${JSON.stringify(c.questions)}::jsonb, ${textArray(c.keywords)}, ${textArray(c.inspectionPoints)},
        ${c.filingCriteria}, ${c.closingCriteria}, ${c.isCareAlert}, ${c.active}, ${c.sort})`,
    );
    await tx.execute(
      sql`insert into categories (code, parent_code, name_zh, name_en, gb_code, bucket, owner_unit_type, limits,
            duplicate_radius_m, questions, keywords, inspection_points, filing_criteria, closing_criteria,
            is_care_alert, active, sort)
          values ${sql.join(values, sql`, `)}`,
    );
    return seed.length;
  });
}
