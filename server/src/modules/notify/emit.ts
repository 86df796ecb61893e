import { ROLE_SCOPE, ROLES } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { PUBLIC_CASE } from '../cases/public-queries.ts';
import { eventSummary } from './messages.ts';

/** One case event to tell people about; written by the workflow commands inside their transaction. */
export interface CaseEventNotice {
  caseId: number;
  eventId: number;
  action: string;
  toState: string;
  actorId: string | null;
  /** what staff are told; by default the action and the new state */
  body?: string | undefined;
  /**
   * What everyone else is told: the public summary of the step (see publicEventSummary), or null when the
   * step is internal. Non-staff recipients (followers without a grant over the case) hear only of public steps
   * of public cases, and only this text.
   */
  publicBody?: string | null | undefined;
  /** users to tell besides the default recipients */
  recipients?: string[] | undefined;
}

// Roles whose org-scoped grant makes a recipient staff on the cases under it (volunteers and residents are not).
const SCOPED_STAFF = sql.raw(
  ROLES.filter((r) => ROLE_SCOPE[r] === 'org' && r !== 'volunteer')
    .map((r) => `'${r}'`)
    .join(', '),
);

/** The steps that end a 12345 ticket's handling here: what a hook in the hotline's format sends back. */
export const HOTLINE_RESULT_ACTIONS = ['close', 'reject', 'refer', 'merge'] as const;
const HOTLINE_RESULTS = sql.raw(HOTLINE_RESULT_ACTIONS.map((a) => `'${a}'`).join(', '));

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
 * disabled account. Staff whose grants cover the case (its org scope, its unit or a co-unit) get the staff
 * version, titled with the case number and category; anyone else only the public version of a public step of
 * a public case. No notification carries the tracking code. Hooks of a unit or an org area (administrators'
 * hooks) follow their cases with the staff message; personal hooks follow their owner's notifications, for
 * public steps of public cases only, and carry the public message. Returns the user ids notified, per event
 * in the order given.
 */
export async function notifyCaseEvents(tx: Db, events: CaseEventNotice[]): Promise<string[][]> {
  if (events.length === 0) return [];
  const ev = events.map((e, n) => ({
    n,
    case_id: e.caseId,
    event_id: e.eventId,
    action: e.action,
    body: e.body ?? eventSummary(e.action, e.toState),
    public_body: e.publicBody ?? null,
    actor_id: e.actorId,
    recipients: e.recipients ?? [],
    to_unit: UNIT_ACTIONS.includes(e.action),
    to_staff: STAFF_ACTIONS.includes(e.action),
  }));
  const notified = await rows<{ n: number; userId: string }>(
    tx,
    sql`with ev as (
          select ev.*, c.unit_id, c.org_code,
            '案件 ' || c.id || ' ' || coalesce(k.name_zh, c.category_code) as staff_title,
            case when ev.public_body is not null and ${PUBLIC_CASE} then coalesce(k.name_zh, c.category_code) end
              as public_title
          from jsonb_to_recordset(${JSON.stringify(ev)}::jsonb) as ev(n int, case_id int, event_id int, action text,
            body text, public_body text, actor_id uuid, recipients jsonb, to_unit boolean, to_staff boolean)
          join cases c on c.id = ev.case_id
          join categories k on k.code = c.category_code),
        r (n, user_id, known_staff) as (
          select ev.n, x.value::uuid, false from ev, jsonb_array_elements_text(ev.recipients) x
          union select ev.n, f.user_id, false from ev join case_followers f on f.case_id = ev.case_id
          union select ev.n, g.user_id, true from ev join grants g on g.unit_id = ev.unit_id
            where ev.to_unit and g.role = 'unit_handler'
          union select ev.n, g.user_id, true from ev join grants g on g.role in ('dispatcher', 'street_staff')
            join org_nodes o on o.id = g.org_node_id and ev.org_code like o.code || '%'
            where ev.to_staff),
        -- staff on the case: chosen for their unit or scope above, or holding a grant that covers it
        s as (
          select r.n, r.user_id, case when bool_or(r.known_staff) then true else exists (
              select 1 from grants g left join org_nodes o on o.id = g.org_node_id
              where g.user_id = r.user_id
                and ((g.role in (${SCOPED_STAFF}) and ev.org_code like o.code || '%')
                  or (g.role = 'unit_handler' and (g.unit_id = ev.unit_id or exists (select 1 from case_co_units cu
                    where cu.case_id = ev.case_id and cu.unit_id = g.unit_id))))) end as staff
          from r join ev on ev.n = r.n
          group by r.n, r.user_id, ev.org_code, ev.unit_id, ev.case_id),
        ins as (
          insert into notifications (user_id, case_id, event_id, kind, title, body)
          select s.user_id, ev.case_id, ev.event_id, ev.action,
            case when s.staff then ev.staff_title else ev.public_title end,
            case when s.staff then ev.body else ev.public_body end
          from s join ev on ev.n = s.n join users u on u.id = s.user_id
          where not u.disabled and s.user_id is distinct from ev.actor_id and (s.staff or ev.public_title is not null)
          order by ev.n, s.user_id
          returning event_id, user_id),
        hooks as (
          insert into webhook_deliveries (webhook_id, event_id)
          select w.id, ev.event_id from ev join webhooks w
            on w.active and (cardinality(w.actions) = 0 or ev.action = any (w.actions))
            -- a hook in the hotline's format hears of the results of the cases that carry a 12345 ticket only
            and (w.format <> 'hotline' or (ev.action in (${HOTLINE_RESULTS})
              and exists (select 1 from case_external_refs x where x.case_id = ev.case_id)))
            and ((w.unit_id is not null and w.unit_id = ev.unit_id)
              or (w.org_code is not null and ev.org_code like w.org_code || '%')
              or (w.unit_id is null and w.org_code is null and ev.public_title is not null
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
