import type { StandardStar } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import type { Actor } from '../../auth/actor.ts';
import { linkedMetrics, metricValues } from '../metrics.ts';
import type { AssessmentRow } from '../queries.ts';
import { transition } from '../transition.ts';

/**
 * Submits the self-assessment to the street. The metric-linked items are filled in now from the KPIs of the
 * community's year (and kept: the street reviews the figures the community submitted with).
 */
export async function submitAssessment(
  db: Db,
  actor: Actor,
  a: AssessmentRow,
  stars: readonly StandardStar[],
  now = new Date(),
): Promise<void> {
  const values = await metricValues(db, a.orgCode, a.year, linkedMetrics(stars), now);
  await db.transaction(async (tx) => {
    await transition(
      tx,
      a,
      ['draft', 'returned'],
      'submitted',
      { kind: 'submitted', actorId: actor.userId },
      sql`, submitted_at = now()`,
    );
    for (const item of stars.flatMap((s) => s.items).filter((i) => i.metric)) {
      const value = values[item.metric!] ?? null;
      await tx.execute(
        sql`insert into five_star_answers (assessment_id, item_key, value, computed) values (${a.id}, ${item.key}, ${value}, true)
            on conflict (assessment_id, item_key) do update set value = excluded.value, computed = true`,
      );
    }
  });
}
