import type { StandardStar } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { invalid } from '../../../infra/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import type { AssessmentRow } from '../queries.ts';
import { transition } from '../transition.ts';

export interface ItemReview {
  key: string;
  accepted: boolean;
  reason?: string;
}

/**
 * The street's review (街道审核): every item accepted or returned with a reason. Any returned item sends the
 * whole assessment back to the community; all accepted passes it on to the district.
 */
export async function reviewAssessment(
  db: Db,
  actor: Actor,
  a: AssessmentRow,
  stars: readonly StandardStar[],
  reviews: ItemReview[],
): Promise<'returned' | 'reviewed'> {
  const keys = stars.flatMap((s) => s.items.map((i) => i.key));
  const given = new Map(reviews.map((r) => [r.key, r]));
  const errors = [
    ...keys
      .filter((k) => !given.has(k))
      .map((k) => ({ field: '/items', message: `no review for item ${k}` })),
    ...reviews.flatMap((r, i) =>
      !keys.includes(r.key)
        ? [{ field: `/items/${i}/key`, message: 'not an item of this standard' }]
        : !r.accepted && !r.reason?.trim()
          ? [{ field: `/items/${i}/reason`, message: 'a returned item needs its reason' }]
          : [],
    ),
  ];
  if (errors.length) throw invalid(errors);
  const returned = reviews.filter((r) => !r.accepted);
  const to = returned.length ? 'returned' : 'reviewed';
  await db.transaction(async (tx) => {
    const reason = returned.map((r) => `${r.key}: ${r.reason!.trim()}`).join('；') || null;
    await transition(
      tx,
      a,
      ['submitted'],
      to,
      { kind: to, actorId: actor.userId, reason },
      sql`, reviewed_at = now()`,
    );
    for (const r of reviews) {
      await tx.execute(
        sql`insert into five_star_answers (assessment_id, item_key, review, review_reason)
            values (${a.id}, ${r.key}, ${r.accepted ? 'accepted' : 'returned'}, ${r.accepted ? null : r.reason!.trim()})
            on conflict (assessment_id, item_key) do update set review = excluded.review, review_reason = excluded.review_reason`,
      );
    }
  });
  return to;
}
