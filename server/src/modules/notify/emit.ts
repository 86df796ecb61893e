import { sql } from 'drizzle-orm';
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
  'report_in_overdue',
];

/**
 * Writes the in-app notifications of case events and queues their webhook deliveries, in one set-based
 * statement inside the caller's transaction, however many events there are (intake writes a batch of reports
 * at once). Recipients of each event: the explicit ones, the case's followers, the unit's handlers for unit
 * actions, the dispatchers and street staff covering the case for staff actions; never the actor, never a
 * disabled account. Hooks of a unit or an org area follow its cases; personal hooks follow their owner's
 * notifications. Returns the user ids notified, per event in the order given.
 */
export async function notifyCaseEvents(tx: Db, events: CaseEventNotice[]): Promise<string[][]> {
  if (events.length === 0) return [];
  const ev = events.map((e, n) => ({
    n,
    case_id: e.caseId,
    event_id: e.eventId,
    action: e.action,
    title: e.title,
    body: e.body ?? eventSummary(e.action, e.toState),
    actor_id: e.actorId,
    recipients: e.recipients ?? [],
    to_unit: UNIT_ACTIONS.includes(e.action),
    to_staff: STAFF_ACTIONS.includes(e.action),
  }));
  const notified = await rows<{ n: number; userId: string }>(
    tx,
    sql`with ev as (
          select ev.*, c.unit_id, c.org_code
          from jsonb_to_recordset(${JSON.stringify(ev)}::jsonb) as ev(n int, case_id int, event_id int, action text,
            title text, body text, actor_id uuid, recipients jsonb, to_unit boolean, to_staff boolean)
          join cases c on c.id = ev.case_id),
        r (n, user_id) as (
          select ev.n, x.value::uuid from ev, jsonb_array_elements_text(ev.recipients) x
          union select ev.n, f.user_id from ev join case_followers f on f.case_id = ev.case_id
          union select ev.n, g.user_id from ev join grants g on g.unit_id = ev.unit_id
            where ev.to_unit and g.role = 'unit_handler'
          union select ev.n, g.user_id from ev join grants g on g.role in ('dispatcher', 'street_staff')
            join org_nodes o on o.id = g.org_node_id and ev.org_code like o.code || '%'
            where ev.to_staff),
        ins as (
          insert into notifications (user_id, case_id, event_id, kind, title, body)
          select r.user_id, ev.case_id, ev.event_id, ev.action, ev.title, ev.body
          from r join ev on ev.n = r.n join users u on u.id = r.user_id
          where not u.disabled and r.user_id is distinct from ev.actor_id
          order by ev.n, r.user_id
          returning event_id, user_id),
        hooks as (
          insert into webhook_deliveries (webhook_id, event_id)
          select w.id, ev.event_id from ev join webhooks w
            on w.active and (cardinality(w.actions) = 0 or ev.action = any (w.actions))
            and ((w.unit_id is not null and w.unit_id = ev.unit_id)
              or (w.org_code is not null and ev.org_code like w.org_code || '%')
              or (w.unit_id is null and w.org_code is null
                and w.owner_user_id in (select ins.user_id from ins where ins.event_id = ev.event_id)))
          order by ev.n, w.id)
        select ev.n, ins.user_id as "userId" from ins join ev on ev.event_id = ins.event_id order by ev.n, ins.user_id`,
    { prepare: 'notify.case-events' },
  );
  const out = events.map((): string[] => []);
  for (const r of notified) out[r.n]?.push(r.userId);
  return out;
}

/** notifyCaseEvents for one event. */
export async function notifyCaseEvent(tx: Db, e: CaseEventNotice): Promise<string[]> {
  return (await notifyCaseEvents(tx, [e]))[0] ?? [];
}
