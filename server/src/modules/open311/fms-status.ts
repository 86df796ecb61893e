import type { CaseState } from '@civicgrid/shared';

/**
 * The status set of mySociety's "Open311 FMS – Additional states" extension, as servicerequestupdates carries
 * it. FixMyStreet lower-cases what it reads and turns `_` into spaces, so these are written in lower case.
 */
export const FMS_STATUSES = [
  'open',
  'investigating',
  'in_progress',
  'action_scheduled',
  'fixed',
  'not_councils_responsibility',
  'duplicate',
  'unable_to_fix',
  'no_further_action',
  'closed',
] as const;
export type FmsStatus = (typeof FMS_STATUSES)[number];

/** Where a case stands after a step, for the mapping: its state, the step's action and a rejection's reason. */
export interface StepOutcome {
  toState: CaseState;
  action: string;
  rejectReason: string | null;
}

const BY_STATE: Record<CaseState, FmsStatus> = {
  reported: 'open',
  verifying: 'investigating',
  filed: 'action_scheduled',
  dispatched: 'in_progress',
  // the unit reports it done, but the case is not fixed until the check on site passes
  pending_check: 'in_progress',
  closed: 'fixed',
  rejected: 'closed',
  // suspension is an internal step and never in the feed; a suspended case is still being handled
  suspended: 'in_progress',
};

/**
 * The FMS status after a step. A rejection says why: merged as a duplicate → `duplicate`, out of scope and
 * referred elsewhere → `not_councils_responsibility`, not substantiated on site → `no_further_action`, any
 * other reason → `closed`. Everything closed by the workflow (结案, 立行立改) is `fixed`.
 */
export function fmsStatusOf(o: StepOutcome): FmsStatus {
  if (o.toState !== 'rejected') return BY_STATE[o.toState];
  if (o.action === 'merge' || o.rejectReason === 'duplicate') return 'duplicate';
  if (o.rejectReason === 'out_of_scope') return 'not_councils_responsibility';
  if (o.rejectReason === 'not_substantiated') return 'no_further_action';
  return 'closed';
}

/**
 * What a client's posted status asks of a case: FixMyStreet sends OPEN/CLOSED, or with extended statuses
 * its own set plus REOPEN when a user marks a fixed report as still broken (`mark_reopen`). Only REOPEN asks
 * to reopen: an open status may just be stale (a comment written before FixMyStreet fetched the closing
 * update), and a reopening sends the case back to the unit and counts towards red supervision. The others
 * only add the comment. null for a status of neither set.
 */
export function postedStatusAsks(status: string): 'reopen' | 'open' | 'closed' | null {
  const s = status.trim().toLowerCase().replace(/ /g, '_');
  if (s === 'reopen') return 'reopen';
  if (['open', 'investigating', 'in_progress', 'action_scheduled', 'for_triage'].includes(s)) return 'open';
  if ((FMS_STATUSES as readonly string[]).includes(s) || ['internal_referral', 'cancelled'].includes(s)) {
    return 'closed';
  }
  return null;
}
