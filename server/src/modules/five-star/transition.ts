import { type SQL, sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { AppError } from '../../infra/errors.ts';
import type { AssessmentRow } from './queries.ts';

type State = AssessmentRow['state'];

/**
 * Moves an assessment from one of `from` to `to` with a conditional UPDATE on its state and version, and
 * writes the event row in the same transaction. Zero rows (another step came first) is a typed 409.
 */
export async function transition(
  tx: Db,
  a: AssessmentRow,
  from: readonly State[],
  to: State,
  event: {
    kind: string;
    actorId: string;
    reason?: string | null;
    stars?: string[];
    effectiveOn?: string | null;
  },
  set: SQL = sql``,
): Promise<void> {
  if (!from.includes(a.state)) throw new AppError('FIVE_STAR_WRONG_STATE', 409);
  const done = await one<{ id: number }>(
    tx,
    sql`update five_star_assessments set state = ${to}, version = version + 1 ${set}
        where id = ${a.id} and version = ${a.version} and state = ${a.state} returning id`,
  );
  if (!done) throw new AppError('FIVE_STAR_WRONG_STATE', 409);
  await tx.execute(
    sql`insert into five_star_events (assessment_id, kind, actor_id, reason, stars, effective_on)
        values (${a.id}, ${event.kind}, ${event.actorId}, ${event.reason ?? null},
          ${event.stars ? `{${event.stars.join(',')}}` : null}::text[], ${event.effectiveOn ?? null}::date)`,
  );
}
