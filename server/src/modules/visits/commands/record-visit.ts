import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError, invalid } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { sightVisited } from '../../care/commands/sight-visited.ts';
import { reportCase } from '../../cases/commands/report-case.ts';
import { Deadlines } from '../../cases/deadlines.ts';
import { findCategory } from '../../categories/queries.ts';
import type { PersonalDataCipher } from '../../personal-data/cipher.ts';
import { FAR_METRES } from '../location.ts';
import type { HouseholdRow } from '../queries.ts';
import { countInQuarter } from './count-quarter.ts';

/** A need heard on a visit: resolved on the spot (with what was done) or to become a case of a category. */
export interface CaseNeedInput {
  description: string;
  categoryCode: string;
  urgency?: 'normal' | 'urgent' | 'critical';
}
export type NeedInput = { description: string; resolution: string } | CaseNeedInput;

export interface VisitInput {
  kind: 'home' | 'phone' | 'other';
  visitedAt?: string;
  location?: { lng: number; lat: number } | null;
  notes?: string | null;
  needs: NeedInput[];
  /** the phone's key for this visit: sending it again (the offline outbox) writes it once */
  clientKey?: string;
}

export interface RecordedVisit {
  id: number;
  replayed: boolean;
}

/** A visit may be recorded late (written offline, sent later) but not in the future or long after. */
const LATE_DAYS = 30;
const CLOCK_SKEW_MS = 10 * 60_000;

function visitTime(text: string | undefined, now: Date): Date {
  if (!text) return now;
  const at = new Date(text);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw invalid([{ field: '/visitedAt', message: 'in the future' }]);
  if (at.getTime() < now.getTime() - LATE_DAYS * 86_400_000)
    throw invalid([{ field: '/visitedAt', message: `more than ${LATE_DAYS} days ago` }]);
  return at;
}

/** The date by which the resident hears back: the reply deadline the case gets when filed in time. */
async function replyDue(deadlines: Deadlines, db: Db, need: CaseNeedInput, at: Date) {
  const category = await findCategory(db, need.categoryCode);
  const filed = deadlines.stageDeadline('accept', at);
  const dispatched = deadlines.stageDeadline('dispatch', filed);
  return deadlines.stageDeadline('dispose', dispatched, category ?? undefined, need.urgency ?? 'normal');
}

/**
 * Records a visit to a household with the needs heard. A need that becomes a case goes through the common
 * intake (source `visit`, the household's location), so deadlines, duplicates, notifications and KPIs apply;
 * the resident is told the reply date stored with it. Cases are reported first, each with an idempotency
 * key derived from the visit's key, so a visit sent again after a failure neither loses nor doubles them;
 * then the visit, its needs and the audit row are written in one transaction.
 */
export async function recordVisit(
  db: Db,
  actor: Actor,
  household: HouseholdRow,
  input: VisitInput,
  cipher: PersonalDataCipher,
  ip: string,
): Promise<RecordedVisit> {
  if (input.clientKey) {
    const prior = await one<{ id: number; visitorId: string }>(
      db,
      sql`select id, visitor_id as "visitorId" from visits where client_key = ${input.clientKey}`,
    );
    if (prior && prior.visitorId === actor.userId) return { id: prior.id, replayed: true };
    if (prior) throw new AppError('CONFLICT', 409, [{ field: '/clientKey' }]);
  }
  const now = new Date();
  const at = visitTime(input.visitedAt, now);
  const deadlines = await Deadlines.load(db);
  const needs: { input: NeedInput; caseId: number | null; replyDueAt: Date | null }[] = [];
  for (const [i, need] of input.needs.entries()) {
    if (!('categoryCode' in need)) {
      needs.push({ input: need, caseId: null, replyDueAt: null });
      continue;
    }
    const reported = await reportCase(
      db,
      actor,
      {
        source: 'visit',
        categoryCode: need.categoryCode,
        urgency: need.urgency ?? 'normal',
        description: need.description,
        location: { lng: household.lng, lat: household.lat },
        address: household.buildingAddress,
        idempotencyKey: input.clientKey ? `visit:${input.clientKey}:${i}` : null,
        idempotencyScope: `user:${actor.userId}`,
      },
      [],
      cipher,
    );
    needs.push({ input: need, caseId: reported.id, replyDueAt: await replyDue(deadlines, db, need, now) });
  }
  const checkin = input.kind === 'home' ? (input.location ?? null) : null;
  return db.transaction(async (tx) => {
    const visit = await one<{ id: number; distanceM: number | null }>(
      tx,
      sql`insert into visits (household_id, org_code, visitor_id, kind, visited_at, checkin_lng, checkin_lat,
            distance_m, far, notes, client_key)
          select ${household.id}, ${household.orgCode}, ${actor.userId}, ${input.kind}, ${at},
            ${checkin?.lng ?? null}::float8, ${checkin?.lat ?? null}::float8, d.m, coalesce(d.m > ${FAR_METRES}, false),
            ${input.notes?.trim() || null}, ${input.clientKey ?? null}
          from (select round(st_distance(
                  st_setsrid(st_point(${checkin?.lng ?? null}::float8, ${checkin?.lat ?? null}::float8), 4326)::geography,
                  st_setsrid(st_point(${household.lng}::float8, ${household.lat}::float8), 4326)::geography))::int as m) d
          returning id, distance_m as "distanceM"`,
    );
    const id = visit!.id;
    await countInQuarter(tx, { householdId: household.id, orgCode: household.orgCode, at });
    // a visit or call is a sighting of the household's watched elders (care watch)
    await sightVisited(tx, { id, householdId: household.id, kind: input.kind, at });
    for (const n of needs) {
      const resolution = 'resolution' in n.input ? n.input.resolution.trim() : null;
      await tx.execute(
        sql`insert into visit_needs (visit_id, household_id, org_code, description, outcome, resolution, case_id,
              reply_due_at, replied_at, replied_by)
            values (${id}, ${household.id}, ${household.orgCode}, ${n.input.description.trim()},
              ${n.caseId ? 'case' : 'resolved'}, ${resolution}, ${n.caseId}, ${n.replyDueAt},
              ${n.caseId ? null : at}, ${n.caseId ? null : actor.userId})`,
      );
    }
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'visit.record',
      entity: 'visit',
      entityId: id,
      scopeCode: household.orgCode,
      after: {
        householdId: household.id,
        kind: input.kind,
        distanceM: visit!.distanceM,
        cases: needs.flatMap((n) => (n.caseId ? [n.caseId] : [])),
        resolved: needs.filter((n) => !n.caseId).length,
      },
      ip,
    });
    return { id, replayed: false };
  });
}
