import { readFileSync } from 'node:fs';
import { INSPECTION_POINT_TYPES } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';

/** The seed file shipped with the server: the 26 point types of the 测评体系 with their checklists. */
export const CHECKLIST_SEED_FILE = new URL('../../../seeds/checklists.json', import.meta.url);

/** Serialises concurrent first starts, like the category seed. */
const SEED_LOCK = 0x49_4e_53_50; // "INSP"

const SeedItem = Type.Object(
  {
    textZh: Type.String({ minLength: 1, maxLength: 200 }),
    textEn: Type.String({ maxLength: 300 }),
    categoryCode: Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}$' }),
    weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);
const SeedType = Type.Object(
  {
    code: Type.String({ pattern: '^P[0-9]{2}$' }),
    nameZh: Type.String({ minLength: 1, maxLength: 50 }),
    nameEn: Type.String({ minLength: 1, maxLength: 100 }),
    items: Type.Array(SeedItem, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
const SeedFile = Type.Object(
  { version: Type.Literal(1), pointTypes: Type.Array(SeedType, { minItems: 1, maxItems: 99 }) },
  { additionalProperties: false },
);
export type ChecklistSeed = (typeof SeedFile)['static']['pointTypes'];

/** Reads and checks the shipped seed: the schema, and the 26 names PRODUCT §5 lists, in its order. */
export function readChecklistSeed(file: URL = CHECKLIST_SEED_FILE): ChecklistSeed {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Value.Check(SeedFile, data)) {
    const errors = [...Value.Errors(SeedFile, data)].slice(0, 20).map((e) => `${e.path}: ${e.message}`);
    throw new Error(`checklists seed is invalid:\n  ${errors.join('\n  ')}`);
  }
  const names = data.pointTypes.map((t) => t.nameZh);
  if (names.join() !== INSPECTION_POINT_TYPES.join()) {
    throw new Error('checklists seed: the point types differ from INSPECTION_POINT_TYPES');
  }
  return data.pointTypes;
}

/**
 * Inserts the point types with version 1 of their checklists when there are none yet, and returns how many
 * types it inserted (0 when the table already had rows, so that administrators' edits survive restarts).
 * Runs at every server start, after the categories the items file under.
 */
export async function seedChecklists(db: Db, seed: ChecklistSeed = readChecklistSeed()): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    if (await one(tx, sql`select 1 from inspection_point_types limit 1`)) return 0;
    for (const [i, t] of seed.entries()) {
      const items = JSON.stringify(
        t.items.map((it, j) => ({
          sort: j + 1,
          zh: it.textZh,
          en: it.textEn,
          cat: it.categoryCode,
          w: it.weight,
        })),
      );
      await tx.execute(
        sql`with ty as (insert into inspection_point_types (code, name_zh, name_en, sort)
                        values (${t.code}, ${t.nameZh}, ${t.nameEn}, ${i + 1}) returning id),
                 v as (insert into checklist_versions (point_type_id, version) select id, 1 from ty returning id)
            insert into checklist_items (version_id, sort, text_zh, text_en, category_code, weight)
            select v.id, (x->>'sort')::int, x->>'zh', x->>'en', x->>'cat', (x->>'w')::numeric
              from v, jsonb_array_elements(${items}::jsonb) x`,
      );
    }
    return seed.length;
  });
}
