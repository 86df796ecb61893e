import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { findCase } from '../../cases/case-row.ts';
import { applyTransition, type Firer } from '../../cases/commands/apply-transition.ts';
import { reopenCase } from '../../cases/commands/decide-follow-up.ts';
import { attachPhotos } from '../../photos/attach-photos.ts';
import type { StoredPhoto } from '../../photos/store-photo.ts';
import type { ApiKeyIdentity } from '../api-keys.ts';
import type { PostedUpdate } from '../update-body.ts';

/** What a POSTed update became: the event (its id is the update_id answered) and whether it was a replay. */
export interface UpdateResult {
  eventId: number;
  reopened: boolean;
  replayed: boolean;
}

const OPEN311: Firer = { system: 'open311' };

const hashOf = (u: PostedUpdate, photos: StoredPhoto[]) =>
  createHash('sha256')
    .update(JSON.stringify({ ...u, updatedAt: null, photos: photos.length }))
    .digest('hex');

/**
 * Turns a client's comment into a step on a case it sent: a reopening (发回重办) when the status is REOPEN
 * and the reporter's rules allow it (closed, within the rating window, a unit to send it back to), else a
 * public follow-up (反映人补充) whose text only staff read. Idempotent on the client's update_id per key: a
 * retry answers the first step; the same update_id with another comment is IDEMPOTENCY_KEY_REUSED. Photos
 * (stored by the caller through the photo pipeline) attach to the step. All in one transaction.
 */
export async function postUpdate(
  db: Db,
  key: ApiKeyIdentity,
  u: PostedUpdate,
  photos: StoredPhoto[],
): Promise<UpdateResult> {
  const hash = hashOf(u, photos);
  return db.transaction(async (tx) => {
    const claimed = await one<{ id: number }>(
      tx,
      sql`insert into open311_updates (key_scope, client_update_id, case_id, request_hash, media_url)
          select ${key.scope}, ${u.clientUpdateId}, r.case_id, ${hash}, ${u.mediaUrl}
          from open311_requests r where r.case_id = ${u.serviceRequestId} and r.key_scope = ${key.scope}
          on conflict (key_scope, client_update_id) do nothing returning id`,
    );
    if (!claimed) return replayOf(tx, key, u, hash);
    const c = await findCase(tx, u.serviceRequestId);
    if (!c) throw new AppError('NOT_FOUND', 404);
    const text = u.description ?? '';
    let eventId: number | null = null;
    let refused: string | null = null;
    if (u.asks === 'reopen' && c.state === 'closed') {
      try {
        eventId = await reopenCase(tx, c, OPEN311, { reason: text || 'FixMyStreet' });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        refused = err.code;
      }
    }
    const reopened = eventId !== null;
    if (eventId === null) {
      const fresh = refused ? await findCase(tx, c.id) : c;
      ({ eventId } = await applyTransition(tx, fresh!, OPEN311, {
        action: 'follow_up',
        reason: text || null,
        data: { channel: 'open311', ...(refused ? { reopenRefused: refused } : {}) },
      }));
    }
    await attachPhotos(tx, { caseId: c.id, eventId, kind: 'report', photos });
    await tx.execute(
      sql`update open311_updates set event_id = ${eventId}, reopened = ${reopened} where id = ${claimed.id}`,
    );
    return { eventId: eventId!, reopened, replayed: false };
  });
}

/** A retry of an update already taken, or (no row at all) a case this key did not send: 404. */
async function replayOf(tx: Db, key: ApiKeyIdentity, u: PostedUpdate, hash: string): Promise<UpdateResult> {
  const prior = await one<{ eventId: number; requestHash: string; reopened: boolean; caseId: number }>(
    tx,
    sql`select event_id as "eventId", request_hash as "requestHash", reopened, case_id as "caseId"
        from open311_updates where key_scope = ${key.scope} and client_update_id = ${u.clientUpdateId}`,
  );
  if (!prior) throw new AppError('NOT_FOUND', 404);
  if (prior.requestHash !== hash || prior.caseId !== u.serviceRequestId) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 422);
  }
  return { eventId: prior.eventId, reopened: prior.reopened, replayed: true };
}
