import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';

/** A watched person as lists and pages show them; sealed fields still sealed. */
export interface WatchedRow {
  personId: number;
  code: string;
  gridName: string;
  nameEnc: string;
  gender: string | null;
  birthDate: string | null;
  buildingAddress: string;
  thresholdHours: number;
  status: 'home' | 'away' | 'hospital';
  statusUntil: Date | null;
  lastSeenAt: Date | null;
  watchFrom: Date;
  consentBy: string;
  consentBasis: string;
  consentAt: Date;
  enrolledAt: Date;
  endedAt: Date | null;
  alertCaseId: number | null;
  alertRaisedAt: Date | null;
  alertLevel: number | null;
  alertActedAt: Date | null;
}

const WATCHED = sql`select w.person_id as "personId", g.code, g.name as "gridName", p.name_enc as "nameEnc",
    p.gender, p.birth_date as "birthDate", b.address as "buildingAddress", w.threshold_hours as "thresholdHours",
    w.status, w.status_until as "statusUntil", w.last_seen_at as "lastSeenAt", w.watch_from as "watchFrom",
    w.consent_by as "consentBy", w.consent_basis as "consentBasis", w.consent_at as "consentAt",
    w.enrolled_at as "enrolledAt", w.ended_at as "endedAt",
    a.case_id as "alertCaseId", a.raised_at as "alertRaisedAt", a.level as "alertLevel", a.acted_at as "alertActedAt"
  from care_watched w
  join persons p on p.id = w.person_id
  join org_nodes g on g.id = p.grid_id
  join households h on h.id = p.household_id join houses ho on ho.id = h.house_id
  join buildings b on b.id = ho.building_id
  left join care_alerts a on a.person_id = w.person_id and a.closed_at is null`;

/** One watched person (ended watches too), or null. */
export function findWatched(db: Db, personId: number): Promise<WatchedRow | null> {
  return one<WatchedRow>(db, sql`${WATCHED} where w.person_id = ${personId}`);
}

/**
 * The persons watched now whose grid code satisfies `scope` (the caller's scope condition) under `org`: open
 * alerts first (oldest first), then the longest unseen. At most 2,000 (a street has a few hundred).
 */
export function listWatched(db: Db, scope: SQL, org: string | null): Promise<WatchedRow[]> {
  const under = org ? sql`and g.code like ${`${org}%`}` : sql``;
  return rows<WatchedRow>(
    db,
    sql`${WATCHED} where w.ended_at is null and (${scope}) ${under}
        order by a.raised_at nulls last, coalesce(w.last_seen_at, w.watch_from), w.person_id limit 2000`,
  );
}

/** A person of the 独居老人 list not watched now: where enrolment is offered. */
export interface CandidateRow {
  personId: number;
  code: string;
  gridName: string;
  nameEnc: string;
  gender: string | null;
  birthDate: string | null;
  buildingAddress: string;
}

/** The 独居老人 of the scope under `org` (residents) who are not watched now, at most 500. */
export function listCandidates(db: Db, scope: SQL, org: string | null): Promise<CandidateRow[]> {
  const under = org ? sql`and g.code like ${`${org}%`}` : sql``;
  return rows<CandidateRow>(
    db,
    sql`select p.id as "personId", g.code, g.name as "gridName", p.name_enc as "nameEnc", p.gender,
          p.birth_date as "birthDate", b.address as "buildingAddress"
        from archive_tags t join person_tags pt on pt.tag_id = t.id
        join persons p on p.id = pt.person_id
        join org_nodes g on g.id = p.grid_id
        join households h on h.id = p.household_id join houses ho on ho.id = h.house_id
        join buildings b on b.id = ho.building_id
        where t.name = '独居老人' and p.status = 'resident' and (${scope}) ${under}
          and not exists (select 1 from care_watched w where w.person_id = p.id and w.ended_at is null)
        order by g.code, p.id limit 500`,
  );
}

/** Sightings of a person since a time, newest first (at most 200): when and how, never more. */
export function sightingsOf(db: Db, personId: number, since: Date) {
  return rows<{ seenAt: Date; source: string; deviceId: number | null }>(
    db,
    sql`select seen_at as "seenAt", source, device_id as "deviceId" from care_sightings
        where person_id = ${personId} and seen_at >= ${since} order by seen_at desc limit 200`,
  );
}

/** The emergency contacts of a watched person, sealed. */
export function contactsOf(db: Db, personId: number) {
  return rows<{ id: number; relation: string; nameEnc: string; phoneEnc: string }>(
    db,
    sql`select id, relation, name_enc as "nameEnc", phone_enc as "phoneEnc" from care_contacts
        where person_id = ${personId} order by ord`,
  );
}

/** A care alert with its case's place. */
export interface AlertRow {
  caseId: number;
  personId: number;
  orgCode: string;
  trackingCode: string;
  lapseFrom: Date;
  dueAt: Date;
  lastSeenAt: Date | null;
  raisedAt: Date;
  level: number;
  actedAt: Date | null;
  outcome: string | null;
  outcomeNote: string | null;
  closedAt: Date | null;
  assigneeName: string | null;
}

/** One care alert, or null. */
export function findAlert(db: Db, caseId: number): Promise<AlertRow | null> {
  return one<AlertRow>(
    db,
    sql`select a.case_id as "caseId", a.person_id as "personId", c.org_code as "orgCode",
          c.tracking_code as "trackingCode", a.lapse_from as "lapseFrom", a.due_at as "dueAt",
          a.last_seen_at as "lastSeenAt", a.raised_at as "raisedAt", a.level, a.acted_at as "actedAt",
          a.outcome, a.outcome_note as "outcomeNote", a.closed_at as "closedAt", u.display_name as "assigneeName"
        from care_alerts a join cases c on c.id = a.case_id left join users u on u.id = a.assignee_id
        where a.case_id = ${caseId}`,
  );
}

/** The alerts of a person, newest first (at most 20). */
export function alertsOfPerson(db: Db, personId: number) {
  return rows<{
    caseId: number;
    raisedAt: Date;
    level: number;
    outcome: string | null;
    closedAt: Date | null;
  }>(
    db,
    sql`select case_id as "caseId", raised_at as "raisedAt", level, outcome, closed_at as "closedAt"
        from care_alerts where person_id = ${personId} order by raised_at desc limit 20`,
  );
}

/** An alert's timeline: each step with how many were told, who acted, and the contact's relation. */
export function stepsOf(db: Db, caseId: number) {
  return rows<{
    at: Date;
    kind: string;
    level: number;
    told: number;
    delivered: number;
    relation: string | null;
    note: string | null;
    actorName: string | null;
  }>(
    db,
    sql`select s.at, s.kind, s.level, cardinality(s.recipients) as told, s.delivered, k.relation, s.note,
          u.display_name as "actorName"
        from care_alert_steps s left join care_contacts k on k.id = s.contact_id
        left join users u on u.id = s.actor_id
        where s.case_id = ${caseId} order by s.at, s.id`,
  );
}

/** The watched person a check-in secret belongs to (watched now), or null. */
export function findByCheckinHash(db: Db, hash: string) {
  return one<{ personId: number; nameEnc: string; lastSeenAt: Date | null }>(
    db,
    sql`select w.person_id as "personId", p.name_enc as "nameEnc", w.last_seen_at as "lastSeenAt"
        from care_watched w join persons p on p.id = w.person_id
        where w.checkin_token_hash = ${hash} and w.ended_at is null`,
  );
}
