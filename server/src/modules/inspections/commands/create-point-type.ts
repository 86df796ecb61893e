import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';

/** A new point type as an administrator names it, starting from another type's current checklist. */
export interface NewPointType {
  nameZh: string;
  nameEn: string;
  /** the type whose current checklist becomes version 1 of the new one (every type always has a checklist) */
  checklistFrom: number;
}

/** Refuses a Chinese name another type already has: inspectors pick types by it, two alike would be a trap. */
export async function assertNameFree(db: Db, nameZh: string, exceptId: number | null): Promise<void> {
  const taken = await one(
    db,
    sql`select 1 from inspection_point_types where name_zh = ${nameZh} and id <> ${exceptId ?? 0}`,
  );
  if (taken) throw new AppError('POINT_TYPE_NAME_TAKEN', 409, [{ field: '/nameZh', message: 'taken' }]);
}

/**
 * Adds a point type with the next free code (P27 …) after the others in the list, and copies the current
 * checklist of `checklistFrom` as its version 1, so that it can be planned at once and its checklist edited
 * like any other. One audit row. The advisory lock keeps two administrators from taking the same code.
 */
export async function createPointType(
  db: Db,
  input: NewPointType,
  by: { actorId: string; ip: string; scopeCode: string },
): Promise<{ id: number; code: string }> {
  const nameZh = input.nameZh.trim();
  const nameEn = input.nameEn.trim();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${0x50545950})`);
    await assertNameFree(tx, nameZh, null);
    const from = await one<{ versionId: number }>(
      tx,
      sql`select id as "versionId" from checklist_versions where point_type_id = ${input.checklistFrom}
          order by version desc limit 1`,
    );
    if (!from) throw new AppError('NOT_FOUND', 404, [{ field: '/checklistFrom', message: 'no such type' }]);
    const created = await one<{ id: number; code: string }>(
      tx,
      sql`insert into inspection_point_types (code, name_zh, name_en, sort)
          select 'P' || lpad(n::text, 2, '0'), ${nameZh}, ${nameEn},
            (select coalesce(max(sort), 0) + 1 from inspection_point_types)
          from generate_series(1, 999) n
          where not exists (select 1 from inspection_point_types t where t.code = 'P' || lpad(n::text, 2, '0'))
          order by n limit 1
          returning id, code`,
    );
    if (!created) throw new AppError('CONFLICT', 409);
    await tx.execute(
      sql`with v as (insert into checklist_versions (point_type_id, version, created_by)
                     values (${created.id}, 1, ${by.actorId}) returning id)
          insert into checklist_items (version_id, sort, text_zh, text_en, answer_type, max_score, pass_score,
            weight, photo_on_fail, category_code)
          select v.id, i.sort, i.text_zh, i.text_en, i.answer_type, i.max_score, i.pass_score, i.weight,
            i.photo_on_fail, i.category_code
          from v, checklist_items i where i.version_id = ${from.versionId}`,
    );
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'inspection.point_type.create',
      entity: 'inspection_point_type',
      entityId: created.id,
      scopeCode: by.scopeCode,
      after: { code: created.code, nameZh, nameEn, checklistFrom: input.checklistFrom },
      ip: by.ip,
    });
    return created;
  });
}
