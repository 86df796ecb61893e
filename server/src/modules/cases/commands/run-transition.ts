import type { CaseAction } from '@civicgrid/shared';
import type { Db } from '../../../infra/db.ts';
import type { CaseRow } from '../case-row.ts';
import { applyTransition, assertMay, type Firer, type TransitionSpec } from './apply-transition.ts';

/**
 * The usual shape of a workflow command: check the table, then in one transaction run `before` (extra
 * writes that must land with the transition) and apply the transition. Returns the event id.
 */
export async function runTransition(
  db: Db,
  c: CaseRow,
  firer: Firer,
  spec: TransitionSpec & { action: CaseAction },
  before?: (tx: Db) => Promise<void>,
  after?: (tx: Db, eventId: number) => Promise<void>,
): Promise<number> {
  assertMay(c, firer, spec.action);
  return db.transaction(async (tx) => {
    await before?.(tx);
    const { eventId } = await applyTransition(tx, c, firer, spec);
    await after?.(tx, eventId);
    return eventId;
  });
}
