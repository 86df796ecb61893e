import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError, forbidden, notFound } from '../../../infra/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../auth/policy.ts';
import { rectificationVisibleSql } from '../../inspections/inspection-access.ts';
import type { StoredPhoto } from '../../photos/store-photo.ts';

/**
 * Records a re-check (复查) of a rectification row by the inspecting side, with at least one photo. A passed
 * re-check strikes the row off (销号) — only once its case is closed (RECTIFICATION_CASE_OPEN before that); a
 * failed one keeps it open and is recorded all the same. Who re-checks: those who run inspections where the
 * row lies (leaders, inspectors, administrators of the district).
 */
export async function recheckRectification(
  db: Db,
  actor: Actor,
  a: { id: number; passed: boolean; note?: string | null; photos: StoredPhoto[] },
): Promise<{ struckOff: boolean }> {
  const row = await one<{ orgCode: string; caseState: string | null; hasCase: boolean; struckOff: boolean }>(
    db,
    sql`select r.org_code as "orgCode", c.state as "caseState", r.case_id is not null as "hasCase",
          r.struck_off_at is not null as "struckOff"
        from rectifications r left join cases c on c.id = r.case_id
        where r.id = ${a.id} and ${rectificationVisibleSql(actor)}`,
  );
  if (!row) throw notFound();
  if (!can(actor, 'inspection.run', row.orgCode)) throw forbidden();
  if (row.struckOff) throw new AppError('CONFLICT', 409, [{ field: 'id', message: 'already struck off' }]);
  if (a.photos.length === 0) throw new AppError('PHOTO_REQUIRED', 400, [{ field: 'body/photos' }]);
  if (a.passed && row.hasCase && row.caseState !== 'closed')
    throw new AppError('RECTIFICATION_CASE_OPEN', 409);
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`update rectifications set recheck_at = now(), recheck_by = ${actor.userId}, recheck_passed = ${a.passed},
            recheck_note = ${a.note ?? null}, struck_off_at = ${a.passed ? sql`now()` : sql`null`}, updated_at = now()
          where id = ${a.id}`,
    );
    await tx.execute(
      sql`insert into rectification_photos (id, rectification_id, mime, bytes, width, height) values ${sql.join(
        a.photos.map((p) => sql`(${p.id}::uuid, ${a.id}, ${p.mime}, ${p.bytes}, ${p.width}, ${p.height})`),
        sql`, `,
      )}`,
    );
  });
  return { struckOff: a.passed };
}
