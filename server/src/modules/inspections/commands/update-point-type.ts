import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { notFound } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { assertNameFree } from './create-point-type.ts';

/** What an administrator may change of a point type: its names and whether it is offered for new points. */
export interface PointTypeChange {
  nameZh?: string;
  nameEn?: string;
  active?: boolean;
}

interface Names {
  nameZh: string;
  nameEn: string;
  active: boolean;
}

/**
 * Renames a point type (zh/en) or takes it out of use, with the names before and after in one audit row. The
 * checklist and its versions are untouched: inspections keep the versions they were planned with, and a
 * name is read from the type wherever it is shown, so the new name shows at once everywhere.
 */
export async function updatePointType(
  db: Db,
  id: number,
  change: PointTypeChange,
  by: { actorId: string; ip: string; scopeCode: string },
): Promise<Names & { id: number; code: string }> {
  const next = {
    ...(change.nameZh !== undefined ? { nameZh: change.nameZh.trim() } : {}),
    ...(change.nameEn !== undefined ? { nameEn: change.nameEn.trim() } : {}),
    ...(change.active !== undefined ? { active: change.active } : {}),
  };
  return db.transaction(async (tx) => {
    const before = await one<Names>(
      tx,
      sql`select name_zh as "nameZh", name_en as "nameEn", active from inspection_point_types
          where id = ${id} for update`,
    );
    if (!before) throw notFound();
    if (next.nameZh !== undefined) await assertNameFree(tx, next.nameZh, id);
    const after = await one<Names & { id: number; code: string }>(
      tx,
      sql`update inspection_point_types set name_zh = ${next.nameZh ?? before.nameZh},
            name_en = ${next.nameEn ?? before.nameEn}, active = ${next.active ?? before.active}
          where id = ${id}
          returning id, code, name_zh as "nameZh", name_en as "nameEn", active`,
    );
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'inspection.point_type.update',
      entity: 'inspection_point_type',
      entityId: id,
      scopeCode: by.scopeCode,
      before,
      after: next,
      ip: by.ip,
    });
    return after!;
  });
}
