import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';

/**
 * 公开照片 / 撤回公开: staff approve a case photo for the public map nearby after looking at it (faces, number
 * plates), or withdraw the approval. One audited write; returns the new approval time (null when withdrawn).
 */
export async function approvePhoto(
  db: Db,
  photo: { id: string; caseId: number; orgCode: string },
  input: { approved: boolean; actorId: string; ip: string },
): Promise<Date | null> {
  return db.transaction(async (tx) => {
    const row = await one<{ at: Date | null }>(
      tx,
      sql`update case_photos
          set public_approved_at = ${input.approved ? sql`now()` : sql`null`},
              public_approved_by = ${input.approved ? input.actorId : null}
          where id = ${photo.id}::uuid returning public_approved_at as at`,
    );
    await writeAudit(tx, {
      actorId: input.actorId,
      action: input.approved ? 'photo_public_approve' : 'photo_public_withdraw',
      entity: 'case_photo',
      entityId: photo.id,
      scopeCode: photo.orgCode,
      after: { caseId: photo.caseId, approved: input.approved },
      ip: input.ip,
    });
    return row?.at ?? null;
  });
}
