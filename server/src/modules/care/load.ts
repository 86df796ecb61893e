import type { Action } from '@civicgrid/shared';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { type AlertRow, findAlert, findWatched, type WatchedRow } from './queries.ts';

/** A watched person the caller may act on (action at their grid): 404 outside their scope, 403 when visible. */
export async function loadWatched(
  db: Db,
  actor: Actor,
  personId: number,
  action: Action,
): Promise<WatchedRow> {
  const w = await findWatched(db, personId);
  if (!w) throw notFound();
  assertCan(actor, action, w.code);
  return w;
}

/** A care alert the caller may see and act on (care.watch at the case's grid), as loadWatched decides. */
export async function loadAlert(db: Db, actor: Actor, caseId: number): Promise<AlertRow> {
  const a = await findAlert(db, caseId);
  if (!a) throw notFound();
  assertCan(actor, 'care.watch', a.orgCode);
  return a;
}
