import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { recordNotifiedCaseEvent } from '../../cases/commands/record-event.ts';
import { submitReport } from '../../cases/commands/write-reports.ts';
import { Deadlines } from '../../cases/deadlines.ts';
import { findCategory } from '../../categories/queries.ts';
import { dueAt, LAPSE_FROM } from '../lapse.ts';

/** The care-alert category of the taxonomy (独居老人关爱预警). */
export const CARE_ALERT_CATEGORY = '12.01';

interface Claimed {
  lapseFrom: Date;
  lastSeenAt: Date | null;
  thresholdHours: number;
  gridId: number;
  address: string | null;
  lng: number | null;
  lat: number | null;
  assigneeId: string | null;
}

/** "12-01 08:05" in the district's time (UTC+8), for the messages staff read. */
export function districtTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');
}

/**
 * Raises the care alert of one watched person if their lapse is still due, exactly once: the lapse is claimed
 * by a conditional update of `alerted_for` (re-checking the due condition under the row lock, so a second
 * sweeping process or a sighting that just arrived wins cleanly), then, in the same transaction, the case is
 * written through the common intake (category 12.01, urgent, at the elder's building), assigned to the grid
 * worker of the elder's grid, kept off the working-time deadlines (care alerts count wall-clock time on their
 * own path), and the grid worker is notified. The description names no one: the console shows the person
 * masked. Returns the case id, or null when there was nothing (left) to raise.
 */
export async function raiseAlert(db: Db, personId: number, now: Date): Promise<number | null> {
  const category = await findCategory(db, CARE_ALERT_CATEGORY);
  if (!category?.active) throw new Error(`care alert category ${CARE_ALERT_CATEGORY} is missing or inactive`);
  const deadlines = await Deadlines.load(db);
  return db.transaction(async (tx) => {
    const c = await one<Claimed>(
      tx,
      sql`with claimed as (
            update care_watched w set alerted_for = ${LAPSE_FROM}, updated_at = ${now}
            where w.person_id = ${personId} and ${dueAt(now)}
            returning w.person_id, w.alerted_for, w.last_seen_at, w.threshold_hours)
          select k.alerted_for as "lapseFrom", k.last_seen_at as "lastSeenAt", k.threshold_hours as "thresholdHours",
            p.grid_id as "gridId", b.address, st_x(b.geom) as lng, st_y(b.geom) as lat,
            (select g.user_id from grants g where g.org_node_id = p.grid_id and g.role = 'grid_worker'
              order by g.created_at, g.id limit 1) as "assigneeId"
          from claimed k join persons p on p.id = k.person_id
          join households h on h.id = p.household_id join houses ho on ho.id = h.house_id
          join buildings b on b.id = ho.building_id`,
    );
    if (!c) return null;
    const seen = c.lastSeenAt ? `最后一次见到：${districtTime(c.lastSeenAt)}` : '登记以来尚未见到';
    const description = `独居老人关爱预警：已超过${c.thresholdHours}小时未见到被关爱人（${seen}），请立即上门或电话确认。`;
    const location = c.lng !== null && c.lat !== null ? { lng: c.lng, lat: c.lat } : null;
    const written = await submitReport(tx, {
      source: 'device',
      categoryCode: category.code,
      urgency: 'urgent',
      description,
      answers: {},
      address: c.address,
      location,
      duplicateRadiusM: category.duplicateRadiusM,
      internalScopes: [],
      reporterId: null,
      reporterNameEnc: null,
      reporterPhoneEnc: null,
      reporterPhoneBidx: null,
      reportedAt: now,
      acceptDeadline: deadlines.stageDeadline('accept', now),
      ownDistrict: null,
      idempotency: null,
      photos: [],
    });
    await tx.execute(
      sql`update cases set assignee_id = ${c.assigneeId}::uuid, stage_deadline_at = null, deadline_at = null
          where id = ${written.id}`,
    );
    await tx.execute(
      sql`insert into care_alerts (case_id, person_id, lapse_from, due_at, last_seen_at, raised_at, assignee_id)
          values (${written.id}, ${personId}, ${c.lapseFrom},
            ${c.lapseFrom}::timestamptz + make_interval(hours => ${c.thresholdHours}), ${c.lastSeenAt}, ${now},
            ${c.assigneeId}::uuid)`,
    );
    const recipients = c.assigneeId ? [c.assigneeId] : [];
    // delivered: the notifications the event wrote, as the notifier reports them (no scan of all notifications)
    const { notified } = await recordNotifiedCaseEvent(tx, {
      caseId: written.id,
      action: 'care_alert',
      fromState: 'reported',
      toState: 'reported',
      actorId: null,
      actorRole: 'system',
      data: { lapseFrom: c.lapseFrom, lastSeenAt: c.lastSeenAt, thresholdHours: c.thresholdHours },
      recipients,
      body: description,
    });
    await tx.execute(
      sql`insert into care_alert_steps (case_id, at, kind, level, recipients, delivered)
          values (${written.id}, ${now}, 'raised', 0, ${`{${recipients.join(',')}}`}::uuid[],
            ${notified.length})`,
    );
    return written.id;
  });
}
