import type { AnswerResult } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../../infra/db.ts';
import { AppError, forbidden, notFound } from '../../../infra/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import type { StoredPhoto } from '../../photos/store-photo.ts';
import { itemsOfVersions } from '../checklist-queries.ts';
import { loadVisibleInspection, mayRun } from '../inspection-access.ts';

export interface AnswerInput {
  itemId: number;
  /** pass / fail / na; for a score item the score decides pass or fail unless na */
  result: AnswerResult;
  score?: number | null;
  note?: string | null;
  location?: { lng: number; lat: number } | null;
  /** when the phone took the answer (it may reach the server much later) */
  answeredAt?: string | null;
}

/**
 * Records the answers to one stop of an inspection (a repeated answer replaces the earlier one, so a phone
 * resending after a lost reply changes nothing). A failed item whose checklist asks for a photo needs one,
 * sent now or earlier. The first answer starts a planned inspection; a submitted one refuses changes.
 */
export async function recordAnswers(
  db: Db,
  actor: Actor,
  a: { inspectionId: number; stopId: number; answers: AnswerInput[]; photos: Map<number, StoredPhoto[]> },
): Promise<{ answered: number }> {
  const head = await loadVisibleInspection(db, actor, a.inspectionId);
  if (!mayRun(actor, head)) throw forbidden();
  if (head.state === 'submitted' || head.state === 'cancelled') throw new AppError('INSPECTION_CLOSED', 409);
  const stop = await one<{ id: number; versionId: number }>(
    db,
    sql`select id, checklist_version_id as "versionId" from inspection_stops
        where id = ${a.stopId} and inspection_id = ${a.inspectionId}`,
  );
  if (!stop) throw notFound();
  const items = new Map(
    ((await itemsOfVersions(db, [stop.versionId])).get(stop.versionId) ?? []).map((i) => [i.id, i]),
  );
  const earlier = new Set(
    (
      await rows<{ itemId: number }>(
        db,
        sql`select a.item_id as "itemId" from inspection_answers a
            where a.stop_id = ${stop.id} and exists (select 1 from inspection_photos p where p.answer_id = a.id)`,
      )
    ).map((r) => r.itemId),
  );
  const values = a.answers.map((ans, i) => {
    const item = items.get(ans.itemId);
    const field = `body/answers/${i}`;
    if (!item)
      throw new AppError('VALIDATION_FAILED', 400, [{ field, message: 'not an item of this checklist' }]);
    let result = ans.result;
    let score: number | null = null;
    if (item.answerType === 'score' && result !== 'na') {
      if (ans.score == null || ans.score < 0 || ans.score > item.maxScore) {
        throw new AppError('VALIDATION_FAILED', 400, [
          { field: `${field}/score`, message: `0 to ${item.maxScore}` },
        ]);
      }
      score = ans.score;
      result = score >= (item.passScore ?? item.maxScore * 0.6) ? 'pass' : 'fail';
    }
    const hasPhoto = (a.photos.get(ans.itemId)?.length ?? 0) > 0 || earlier.has(ans.itemId);
    if (result === 'fail' && item.photoOnFail && !hasPhoto) {
      throw new AppError('PHOTO_REQUIRED', 400, [{ field: `${field}/photos` }]);
    }
    return { ...ans, result, score };
  });
  await db.transaction(async (tx) => {
    for (const v of values) {
      const loc = v.location
        ? sql`st_setsrid(st_point(${v.location.lng}, ${v.location.lat}), 4326)`
        : sql`null`;
      const saved = await one<{ id: number }>(
        tx,
        sql`insert into inspection_answers (stop_id, item_id, result, score, note, location, answered_by, answered_at)
            values (${stop.id}, ${v.itemId}, ${v.result}, ${v.score}, ${v.note ?? null}, ${loc}, ${actor.userId},
              coalesce(${v.answeredAt ?? null}::timestamptz, now()))
            on conflict (stop_id, item_id) do update set result = excluded.result, score = excluded.score,
              note = excluded.note, location = coalesce(excluded.location, inspection_answers.location),
              answered_by = excluded.answered_by, answered_at = excluded.answered_at, updated_at = now()
            returning id`,
      );
      const photos = a.photos.get(v.itemId) ?? [];
      if (photos.length) {
        // photos sent again with an answer replace the earlier ones
        await tx.execute(sql`delete from inspection_photos where answer_id = ${saved!.id}`);
        await tx.execute(
          sql`insert into inspection_photos (id, answer_id, mime, bytes, width, height) values ${sql.join(
            photos.map(
              (p) => sql`(${p.id}::uuid, ${saved!.id}, ${p.mime}, ${p.bytes}, ${p.width}, ${p.height})`,
            ),
            sql`, `,
          )}`,
        );
      }
    }
    await tx.execute(
      sql`update inspection_stops set visited_at = coalesce(visited_at, now()) where id = ${stop.id}`,
    );
    await tx.execute(
      sql`update inspections set state = 'in_progress', started_at = coalesce(started_at, now()), updated_at = now()
          where id = ${a.inspectionId} and state = 'planned'`,
    );
  });
  return { answered: values.length };
}
