import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { notifyCaseEvent } from '../../notify/emit.ts';

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
  /** whether the resident's tracking page shows the event */
  public: boolean;
  /** the notification title */
  title: string;
  recipients?: string[] | undefined;
}

/**
 * Appends an event to a case's history and notifies about it, inside the caller's transaction (after the
 * caller changed or claimed the case row). Used by every transition and by the sweeps' system events.
 */
export async function recordCaseEvent(tx: Db, e: CaseEventRecord): Promise<number> {
  const event = await one<{ id: number }>(
    tx,
    sql`insert into case_events (case_id, actor_id, actor_role, action, from_state, to_state, reason, data, public)
        values (${e.caseId}, ${e.actorId}::uuid, ${e.actorRole}, ${e.action}, ${e.fromState}, ${e.toState},
          ${e.reason ?? null}, ${JSON.stringify(e.data ?? {})}::jsonb, ${e.public})
        returning id`,
  );
  await notifyCaseEvent(tx, {
    caseId: e.caseId,
    eventId: event!.id,
    action: e.action,
    toState: e.toState,
    actorId: e.actorId,
    title: e.title,
    recipients: e.recipients,
  });
  return event!.id;
}
