import { PREREQUISITE_STAR } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { invalid } from '../../../infra/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import type { AssessmentRow } from '../queries.ts';
import { transition } from '../transition.ts';

/**
 * A veto event (一票否决) after the decision: withdraws the named stars, or every star when none is named or
 * when 支部过硬 is among them (the others stand on it), with the reason and the day it took effect.
 */
export async function vetoAssessment(
  db: Db,
  actor: Actor,
  a: AssessmentRow,
  input: { reason: string; effectiveOn: string; stars?: string[] },
): Promise<string[]> {
  const named = input.stars ?? [];
  const unknown = named.filter((s) => !a.stars.includes(s));
  if (unknown.length) throw invalid([{ field: '/stars', message: `not held: ${unknown.join(', ')}` }]);
  const all = named.length === 0 || named.includes(PREREQUISITE_STAR);
  const left = all ? [] : a.stars.filter((s) => !named.includes(s));
  await db.transaction(async (tx) => {
    await transition(
      tx,
      a,
      ['decided'],
      'decided',
      {
        kind: 'vetoed',
        actorId: actor.userId,
        reason: input.reason.trim(),
        stars: left,
        effectiveOn: input.effectiveOn,
      },
      sql`, stars = ${`{${left.join(',')}}`}::text[]`,
    );
  });
  return left;
}
