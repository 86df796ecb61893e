import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import type { StoredPhoto } from '../../photos/store-photo.ts';
import type { AssessmentRow } from '../queries.ts';

/** Attaches stored evidence photos to an item of a self-assessment still being written (draft or returned). */
export async function attachEvidence(
  db: Db,
  a: AssessmentRow,
  itemKey: string,
  photos: StoredPhoto[],
): Promise<void> {
  await db.transaction(async (tx) => {
    const open = await tx.execute(
      sql`select id from five_star_assessments where id = ${a.id} and state in ('draft', 'returned') for update`,
    );
    if (!open.rows.length) throw new AppError('FIVE_STAR_WRONG_STATE', 409);
    for (const p of photos) {
      await tx.execute(
        sql`insert into five_star_photos (id, assessment_id, item_key, mime, bytes, width, height)
            values (${p.id}::uuid, ${a.id}, ${itemKey}, ${p.mime}, ${p.bytes}, ${p.width}, ${p.height})`,
      );
    }
  });
}
