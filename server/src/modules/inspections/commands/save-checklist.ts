import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import type { ChecklistItem } from '../checklist-queries.ts';

/** An item as an administrator writes it (the id and sort come from the new version). */
export type ChecklistItemInput = Omit<ChecklistItem, 'id' | 'sort'>;

/**
 * Saves a point type's checklist as a new version: every item is written again under the next version number,
 * and nothing of earlier versions changes, so inspections planned with them keep their own items. Returns the
 * new version. The advisory lock keeps two administrators saving at once from taking the same number.
 */
export async function saveChecklist(
  db: Db,
  a: { pointTypeId: number; items: ChecklistItemInput[]; actorId: string },
): Promise<{ versionId: number; version: number }> {
  const known = await one(db, sql`select 1 from inspection_point_types where id = ${a.pointTypeId}`);
  if (!known) throw new AppError('NOT_FOUND', 404);
  const codes = [...new Set(a.items.map((i) => i.categoryCode))];
  const leaves = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from categories
        where code = any(${`{${codes.join(',')}}`}::text[]) and parent_code is not null
          and not exists (select 1 from jsonb_array_elements(questions) q where (q->>'required')::boolean)`,
  );
  // a failure opens its case with no one to answer a category's required questions, so such a category
  // cannot take failures (the seed keeps clear of them too)
  if ((leaves?.n ?? 0) !== codes.length) {
    throw new AppError('CATEGORY_UNKNOWN', 400, [
      { field: 'body/items', message: 'a sub-category without required questions' },
    ]);
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${0x434b4c53}, ${a.pointTypeId})`);
    const v = await one<{ versionId: number; version: number }>(
      tx,
      sql`insert into checklist_versions (point_type_id, version, created_by)
          select ${a.pointTypeId}, coalesce(max(version), 0) + 1, ${a.actorId}
            from checklist_versions where point_type_id = ${a.pointTypeId}
          returning id as "versionId", version`,
    );
    if (!v) throw new Error('checklist version not written');
    const items = JSON.stringify(a.items.map((it, i) => ({ ...it, sort: i + 1 })));
    await tx.execute(
      sql`insert into checklist_items (version_id, sort, text_zh, text_en, answer_type, max_score, pass_score,
            weight, photo_on_fail, category_code)
          select ${v.versionId}, (x->>'sort')::int, x->>'textZh', x->>'textEn', x->>'answerType',
            (x->>'maxScore')::numeric, (x->>'passScore')::numeric, (x->>'weight')::numeric,
            (x->>'photoOnFail')::boolean, x->>'categoryCode'
          from jsonb_array_elements(${items}::jsonb) x`,
    );
    return v;
  });
}
