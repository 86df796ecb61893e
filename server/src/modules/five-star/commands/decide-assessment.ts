import { PREREQUISITE_STAR, type StandardStar, starsEarned } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import type { AnswerRow, AssessmentRow } from '../queries.ts';
import { transition } from '../transition.ts';

/**
 * The district's decision (区级评定): awards the chosen stars. 支部过硬 is the prerequisite (no other star
 * without it) and every chosen star must be earned by the reviewed answers; the district may award fewer
 * than were earned, with a reason.
 */
export async function decideAssessment(
  db: Db,
  actor: Actor,
  a: AssessmentRow,
  stars: readonly StandardStar[],
  answers: AnswerRow[],
  chosen: string[],
  reason: string | null,
): Promise<void> {
  const picked = [...new Set(chosen)];
  if (picked.length && !picked.includes(PREREQUISITE_STAR)) throw new AppError('FIVE_STAR_PREREQUISITE', 409);
  const earned = starsEarned(stars, Object.fromEntries(answers.map((x) => [x.itemKey, x])));
  if (picked.some((s) => !earned.includes(s as never))) throw new AppError('FIVE_STAR_NOT_EARNED', 409);
  const order = stars.map((s) => s.star as string).filter((s) => picked.includes(s));
  await db.transaction(async (tx) => {
    await transition(
      tx,
      a,
      ['reviewed'],
      'decided',
      { kind: 'decided', actorId: actor.userId, reason, stars: order },
      sql`, decided_at = now(), stars = ${`{${order.join(',')}}`}::text[]`,
    );
  });
}
