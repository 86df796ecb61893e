import { sql } from 'drizzle-orm';
import type { Db } from '../../infra/db.ts';
import type { StoredPhoto } from './store-photo.ts';

export type PhotoKind = 'report' | 'before' | 'after' | 'feedback' | 'check';

/** Records stored photos against a case (and the event they came with), inside the caller's transaction. */
export async function attachPhotos(
  tx: Db,
  a: { caseId: number; eventId: number | null; kind: PhotoKind; photos: StoredPhoto[] },
): Promise<void> {
  if (a.photos.length === 0) return;
  const values = a.photos.map(
    (p) =>
      sql`(${p.id}::uuid, ${a.caseId}, ${a.eventId}::integer, ${a.kind}, ${p.mime}, ${p.bytes}, ${p.width}, ${p.height})`,
  );
  await tx.execute(
    sql`insert into case_photos (id, case_id, event_id, kind, mime, bytes, width, height)
        values ${sql.join(values, sql`, `)}`,
  );
}
