import { eventVisibility, mayPublishNote } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { notifyCaseEvent } from '../../notify/emit.ts';
import { publicEventSummary } from '../../notify/messages.ts';
import { findPublicEvent } from '../public-queries.ts';

/** One event on a case, as the history keeps it and the notifications tell it. */
export interface CaseEventRecord {
  caseId: number;
  action: string;
  fromState: string;
  toState: string;
  actorId: string | null;
  /** the role the actor acted in, or 'system' for the sweeps */
  actorRole: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
  /** the author marked the note public (kept only on a public step with staff text) */
  notePublic?: boolean;
  recipients?: string[] | undefined;
  /** what staff are told instead of the action and state (a care alert says whom and since when) */
  body?: string | undefined;
}

/**
 * Appends an event to a case's history and notifies about it, inside the caller's transaction (after the
 * caller changed or claimed the case row). Used by every transition and by the sweeps' system events.
 * Whether the step is public comes from the shared table (eventVisibility), never from the caller; what
 * followers are told is read back through the public-only event query, like the tracking page reads it.
 */
export async function recordCaseEvent(tx: Db, e: CaseEventRecord): Promise<number> {
  return (await recordNotifiedCaseEvent(tx, e)).eventId;
}

/**
 * recordCaseEvent, also returning the users its notifications went to (one notification each): what a care
 * alert's timeline calls delivered, known without searching the notifications for the event afterwards.
 */
export async function recordNotifiedCaseEvent(
  tx: Db,
  e: CaseEventRecord,
): Promise<{ eventId: number; notified: string[] }> {
  const isPublic = eventVisibility(e.action) === 'public';
  const notePublic = !!e.notePublic && !!e.reason && mayPublishNote(e.action);
  const event = await one<{ id: number }>(
    tx,
    sql`insert into case_events (case_id, actor_id, actor_role, action, from_state, to_state, reason, data, public,
          note_public)
        values (${e.caseId}, ${e.actorId}::uuid, ${e.actorRole}, ${e.action}, ${e.fromState}, ${e.toState},
          ${e.reason ?? null}, ${JSON.stringify(e.data ?? {})}::jsonb, ${isPublic}, ${notePublic})
        returning id`,
  );
  const shown = isPublic ? await findPublicEvent(tx, event!.id) : null;
  const notified = await notifyCaseEvent(tx, {
    caseId: e.caseId,
    eventId: event!.id,
    action: e.action,
    toState: e.toState,
    actorId: e.actorId,
    publicBody: shown ? publicEventSummary(shown) : null,
    recipients: e.recipients,
    body: e.body,
  });
  return { eventId: event!.id, notified };
}
