import { type SQL, sql } from 'drizzle-orm';

/**
 * Where the current lapse of a watched person `w` counts from: the last sighting, the start of the watch
 * (enrolment, or the close of the last alert), or the end of an away/hospital pause, whichever is latest.
 */
export const LAPSE_FROM = sql`greatest(w.last_seen_at, w.watch_from,
  case when w.status <> 'home' then w.status_until end)`;

/**
 * A watched person `w` whose lapse is due at `now` and not yet alerted: still watched, not paused, unseen for
 * the threshold, no alert raised for this lapse, and no alert open (a lapse that starts while one is open
 * opens no other). Both the sweep's read and its claiming update use it, so the claim re-checks it under the
 * row lock.
 */
export function dueAt(now: Date): SQL {
  return sql`w.ended_at is null
    and (w.status = 'home' or w.status_until <= ${now})
    and ${LAPSE_FROM} + make_interval(hours => w.threshold_hours) <= ${now}
    and w.alerted_for is distinct from ${LAPSE_FROM}
    and not exists (select 1 from care_alerts a where a.person_id = w.person_id and a.closed_at is null)`;
}
