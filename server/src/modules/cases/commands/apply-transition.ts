import {
  CASE_TRANSITIONS,
  type CaseAction,
  type CaseState,
  targetState,
  transitionOf,
} from '@civicgrid/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { reportPoints } from '../../volunteers/commands/report-points.ts';
import type { Holds } from '../case-access.ts';
import type { CaseRow } from '../case-row.ts';
import { recordCaseEvent } from './record-event.ts';

/**
 * Who fires a transition: a logged-in actor (or, with actor null, a resident holding the tracking code) with
 * their holds on the case, or the system (sweeps). `publishNote` is the author's choice to show their note to
 * the public (向群众公开此说明); it counts only on a public step with staff text (see mayPublishNote).
 */
export type Firer = { actor: Actor | null; holds: Holds; publishNote?: boolean } | { system: string };

export interface TransitionSpec {
  action: CaseAction | 'report' | 'escalate' | 'comment' | 'follow_up';
  /** extra `col = value` assignments for the UPDATE */
  set?: SQL[];
  reason?: string | null;
  data?: Record<string, unknown>;
  recipients?: string[];
}

/**
 * Throws unless the firer may do action on the case now: 403 when none of their roles may ever fire it,
 * 409 when they could but not from the case's current state. System firers skip the table.
 */
export function assertMay(c: CaseRow, firer: Firer, action: CaseAction): void {
  if ('system' in firer) return;
  const t = CASE_TRANSITIONS.find((x) => x.action === action)!;
  const matches = t.who.some((w) => firer.holds.some((h) => h.role === w.role && h.via === w.via));
  if (!matches) throw new AppError('TRANSITION_NOT_ALLOWED', 403);
  if (!(t.from as readonly CaseState[]).includes(c.state)) throw new AppError('TRANSITION_NOT_ALLOWED', 409);
}

/**
 * Applies one transition inside the caller's transaction: a conditional UPDATE that succeeds only if the
 * case is still in the state and version the caller read (zero rows → CASE_STATE_CONFLICT, nothing written),
 * then the append-only event row and the notifications for it. Returns the event id and the new state.
 */
export async function applyTransition(
  tx: Db,
  c: CaseRow,
  firer: Firer,
  spec: TransitionSpec,
): Promise<{ eventId: number; toState: CaseState }> {
  const to = (['report', 'escalate', 'comment', 'follow_up'] as string[]).includes(spec.action)
    ? c.state
    : targetState(transitionOf(spec.action as CaseAction), c.state, c.suspendedFrom);
  const sets = [sql`state = ${to}`, sql`version = version + 1`, sql`updated_at = now()`, ...(spec.set ?? [])];
  const updated = await one<{ id: number }>(
    tx,
    sql`update cases set ${sql.join(sets, sql`, `)}
        where id = ${c.id} and state = ${c.state} and version = ${c.version} returning id`,
  );
  if (!updated) throw new AppError('CASE_STATE_CONFLICT', 409);
  const actorId = 'actor' in firer ? (firer.actor?.userId ?? null) : null;
  const actorRole = 'actor' in firer ? (firer.holds[0]?.role ?? null) : firer.system;
  const eventId = await recordCaseEvent(tx, {
    caseId: c.id,
    action: spec.action,
    fromState: c.state,
    toState: to,
    actorId,
    actorRole,
    reason: spec.reason ?? null,
    data: spec.data ?? {},
    notePublic: 'actor' in firer && firer.publishNote === true,
    recipients: spec.recipients,
  });
  // a volunteer's report earns points when filed as valid and loses them when rejected or merged
  await reportPoints(tx, c.id, spec.action);
  return { eventId, toState: to };
}
