import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { eventSummary } from './messages.ts';

/** One case event to tell people about; written by the workflow commands inside their transaction. */
export interface CaseEventNotice {
  caseId: number;
  eventId: number;
  action: string;
  toState: string;
  actorId: string | null;
  title: string;
  body?: string | undefined;
  /** users to tell besides the default recipients */
  recipients?: string[] | undefined;
}

/** Actions that put work on the unit holding the case: its handlers hear about them. */
export const UNIT_ACTIONS: readonly string[] = [
  'dispatch',
  'check_fail',
  'reopen',
  'approve_extension',
  'deny_extension',
  'supervise',
];

/** Actions that need a dispatcher's or the street's attention: staff whose scope covers the case hear. */
export const STAFF_ACTIONS: readonly string[] = [
  'report',
  'feedback',
  'return',
  'request_extension',
  'escalate',
];

/** The recipient sets of one event, as SELECTs of user_id over the CTE `c` (the case row). */
function recipientSources(e: CaseEventNotice): SQL[] {
  const sources = [
    sql`select value::uuid from jsonb_array_elements_text(${JSON.stringify(e.recipients ?? [])}::jsonb)`,
    sql`select f.user_id from case_followers f where f.case_id = ${e.caseId}`,
  ];
  if (UNIT_ACTIONS.includes(e.action)) {
    sources.push(
      sql`select g.user_id from grants g join c on g.unit_id = c.unit_id where g.role = 'unit_handler'`,
    );
  }
  if (STAFF_ACTIONS.includes(e.action)) {
    sources.push(
      sql`select g.user_id from grants g join org_nodes n on n.id = g.org_node_id
          join c on c.org_code like n.code || '%' where g.role in ('dispatcher', 'street_staff')`,
    );
  }
  return sources;
}

/**
 * Writes the in-app notifications of a case event and queues its webhook deliveries, in two set-based
 * statements inside the caller's transaction. Recipients: the explicit ones, the case's followers, the
 * unit's handlers for unit actions, the dispatchers and street staff covering the case for staff actions;
 * never the actor, never a disabled account. Returns the user ids notified.
 */
export async function notifyCaseEvent(tx: Db, e: CaseEventNotice): Promise<string[]> {
  const notified = await rows<{ userId: string }>(
    tx,
    sql`with c as (select unit_id, org_code from cases where id = ${e.caseId}),
        r (user_id) as (${sql.join(recipientSources(e), sql` union `)})
        insert into notifications (user_id, case_id, event_id, kind, title, body)
        select r.user_id, ${e.caseId}, ${e.eventId}, ${e.action}, ${e.title}, ${e.body ?? eventSummary(e.action, e.toState)}
        from r join users u on u.id = r.user_id
        where not u.disabled and r.user_id is distinct from ${e.actorId}::uuid
        order by r.user_id
        returning user_id as "userId"`,
  );
  const userIds = notified.map((n) => n.userId);
  // hooks of a unit or an org area follow its cases; personal hooks follow their owner's notifications
  await tx.execute(
    sql`insert into webhook_deliveries (webhook_id, event_id)
        select w.id, ${e.eventId}::integer from webhooks w join cases c on c.id = ${e.caseId}
        where w.active and (cardinality(w.actions) = 0 or ${e.action}::text = any (w.actions))
          and ((w.unit_id is not null and w.unit_id = c.unit_id)
            or (w.org_code is not null and c.org_code like w.org_code || '%')
            or (w.unit_id is null and w.org_code is null and w.owner_user_id in
              (select value::uuid from jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb))))
        order by w.id`,
  );
  return userIds;
}
