import { createHash } from 'node:crypto';
import { CASE_SOURCES, type CaseSource, type Role } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { PersonalDataCipher } from '../../../infra/crypto.ts';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { validateAnswers } from '../../categories/answers.ts';
import { findCategory } from '../../categories/queries.ts';
import { notifyCaseEvent } from '../../notify/emit.ts';
import { locatePoint } from '../../org/queries.ts';
import { attachPhotos } from '../../photos/attach-photos.ts';
import type { StoredPhoto } from '../../photos/store-photo.ts';
import { Deadlines } from '../deadlines.ts';
import { type DuplicateCandidate, duplicatesSql } from '../duplicates.ts';
import { newTrackingCode } from '../tracking-code.ts';

export const SOURCES = CASE_SOURCES;
export type Source = CaseSource;

/** Which roles may report through which channel; anyone (even without an account) may report as a resident. */
const SOURCE_ROLES: Record<Source, Role[] | 'anyone'> = {
  resident: 'anyone',
  api: 'anyone',
  grid_patrol: ['grid_worker', 'community_staff'],
  visit: ['grid_worker', 'community_staff'],
  morning_inspection: ['leader', 'district_admin', 'street_staff', 'dispatcher'],
  undercover: ['leader', 'district_admin', 'dispatcher'],
  supervision: ['leader', 'district_admin', 'dispatcher', 'street_staff'],
  mock_evaluation: ['leader', 'district_admin', 'dispatcher'],
  hotline: ['dispatcher', 'district_admin', 'street_staff'],
  leader: ['leader', 'district_admin'],
  media: ['dispatcher', 'district_admin'],
  device: ['dispatcher', 'district_admin', 'grid_worker'],
};

export interface ReportInput {
  source: Source;
  categoryCode: string;
  urgency?: 'normal' | 'urgent' | 'critical';
  description: string;
  answers?: unknown;
  location?: { lng: number; lat: number } | null;
  address?: string | null;
  reporterName?: string | null;
  reporterPhone?: string | null;
  idempotencyKey?: string | null;
  /** the scope a key is unique in: the user, an API key, or the public */
  idempotencyScope: string;
}

export interface ReportResult {
  id: number;
  trackingCode: string;
  orgCode: string;
  gridId: number | null;
  triage: boolean;
  duplicates: DuplicateCandidate[];
  replayed: boolean;
}

function requestHash(input: ReportInput): string {
  const { idempotencyKey, idempotencyScope, ...rest } = input;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

/** The district a report outside every grid is triaged in: the nearest one, else the reporter's, else the first. */
async function triageDistrict(db: Db, actor: Actor | null, loc: ReportInput['location']): Promise<string> {
  const near = loc
    ? await one<{ code: string }>(
        db,
        sql`select code from org_nodes where level = 'district' and geom is not null
            order by geom <-> st_setsrid(st_point(${loc.lng}, ${loc.lat}), 4326) limit 1`,
      )
    : null;
  if (near) return near.code;
  const own = actor?.grants.find((g) => g.scopeCode)?.scopeCode?.slice(0, 6);
  if (own) return own;
  const first = await one<{ code: string }>(
    db,
    sql`select code from org_nodes where level = 'district' order by code limit 1`,
  );
  if (!first) throw new AppError('OUTSIDE_GRIDS', 422);
  return first.code;
}

/**
 * Takes a report from any channel: checks the category and its questions, resolves the location to
 * grid → community → street (or triage), stores the case, its first event and photos in one transaction,
 * and returns nearby open cases of the same category. A repeated Idempotency-Key returns the first case.
 */
export async function reportCase(
  db: Db,
  actor: Actor | null,
  input: ReportInput,
  photos: StoredPhoto[],
  cipher: PersonalDataCipher,
): Promise<ReportResult> {
  const allowed = SOURCE_ROLES[input.source];
  if (allowed !== 'anyone' && !actor?.grants.some((g) => allowed.includes(g.role))) {
    throw new AppError('FORBIDDEN', 403, [{ field: 'body/source', message: `not a channel of your roles` }]);
  }
  const category = await findCategory(db, input.categoryCode);
  if (!category || category.parentCode === null)
    throw new AppError('CATEGORY_UNKNOWN', 400, [{ field: 'body/categoryCode' }]);
  if (!category.active) throw new AppError('CATEGORY_INACTIVE', 400, [{ field: 'body/categoryCode' }]);
  const answers = validateAnswers(category, input.answers ?? {});
  const hash = requestHash(input);
  // A repeated Idempotency-Key is not looked up first: the key's primary key refuses the insert below and the
  // catch answers with the first case. Retries are rare, so this saves every report a round trip.
  const hit = input.location ? await locatePoint(db, input.location.lng, input.location.lat) : null;
  const orgCode = hit?.grid.code ?? (await triageDistrict(db, actor, input.location));
  const deadlines = await Deadlines.load(db);
  const now = new Date();

  try {
    // a clash of the random tracking code rolls the transaction back and runs it again with a new code
    const created = await withFreshTrackingCode(now, (code) =>
      db.transaction(async (tx) => {
        // One statement writes the case, its first event, the reporter as follower and the idempotency key
        // and finds the nearby open cases (its snapshot does not hold the new case yet): the work of four
        // INSERTs and a SELECT in one round trip.
        const row = await one<{
          id: number;
          trackingCode: string;
          eventId: number;
          duplicates: (Omit<DuplicateCandidate, 'reportedAt'> & { reportedAt: string })[];
        }>(
          tx,
          sql`with c as (
                  insert into cases (tracking_code, source, category_code, urgency, state, description, answers,
                    address, location, grid_id, org_code, reporter_id, reporter_name, reporter_phone_enc, reported_at,
                    stage, stage_started_at, stage_deadline_at)
                  values (${code}, ${input.source}, ${category.code}, ${input.urgency ?? 'normal'}, 'reported',
                    ${input.description}, ${JSON.stringify(answers)}::jsonb, ${input.address ?? null},
                    ${input.location ? sql`st_setsrid(st_point(${input.location.lng}, ${input.location.lat}), 4326)` : null},
                    ${hit?.grid.id ?? null}, ${orgCode}, ${actor?.userId ?? null}, ${input.reporterName ?? null},
                    ${input.reporterPhone ? cipher.encrypt(input.reporterPhone) : null}, ${now},
                    'accept', ${now}, ${deadlines.stageDeadline('accept', now)})
                  returning id, tracking_code),
                e as (
                  insert into case_events (case_id, actor_id, actor_role, action, from_state, to_state, data)
                  select c.id, ${actor?.userId ?? null}::uuid, ${input.source}, 'report', null, 'reported',
                    ${JSON.stringify({ source: input.source, triage: !hit })}::jsonb
                  from c returning id)
                ${actor ? sql`, f as (insert into case_followers (case_id, user_id) select c.id, ${actor.userId}::uuid from c)` : sql``}
                ${
                  input.idempotencyKey
                    ? sql`, k as (insert into idempotency_keys (scope, key, case_id, request_hash)
                        select ${input.idempotencyScope}, ${input.idempotencyKey}, c.id, ${hash} from c)`
                    : sql``
                }
                select c.id, c.tracking_code as "trackingCode", e.id as "eventId",
                  ${
                    input.location
                      ? sql`(select coalesce(json_agg(d), '[]') from (${duplicatesSql({
                          ...input.location,
                          categoryCode: category.code,
                          radiusM: category.duplicateRadiusM,
                        })}) d)`
                      : sql`'[]'::json`
                  } as duplicates
                from c, e`,
        );
        if (photos.length)
          await attachPhotos(tx, { caseId: row!.id, eventId: row!.eventId, kind: 'report', photos });
        await notifyCaseEvent(tx, {
          caseId: row!.id,
          eventId: row!.eventId,
          action: 'report',
          toState: 'reported',
          actorId: actor?.userId ?? null,
          title: `${row!.trackingCode} ${category.nameZh}`,
        });
        return {
          id: row!.id,
          trackingCode: row!.trackingCode,
          // json_agg keeps the sorted subquery's order; timestamps come back as text
          duplicates: row!.duplicates.map((d) => ({ ...d, reportedAt: new Date(d.reportedAt) })),
        };
      }),
    );
    return { ...created, orgCode, gridId: hit?.grid.id ?? null, triage: !hit, replayed: false };
  } catch (err) {
    // a retry, or a concurrent request with the same key that won the race: answer with its case
    if (input.idempotencyKey) {
      const replay = await findReplay(db, input.idempotencyScope, input.idempotencyKey, hash);
      if (replay) return replay;
    }
    throw err;
  }
}

/** How often a report is retried with a new tracking code when the random one is already taken. */
const TRACKING_CODE_ATTEMPTS = 5;

/**
 * Runs an insert with a new random tracking code, again with another one when the unique index says the code
 * is taken: 10^9 codes a month meet the birthday paradox at tens of thousands of reports a month, and a
 * resident's report must not fail for that. `attempt` must undo its own writes when it throws (a transaction).
 */
async function withFreshTrackingCode<T>(now: Date, attempt: (code: string) => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt(newTrackingCode(now));
    } catch (err) {
      if (i >= TRACKING_CODE_ATTEMPTS || !isTrackingCodeClash(err)) throw err;
    }
  }
}

/** A unique violation of cases.tracking_code, from either driver. */
function isTrackingCodeClash(err: unknown): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown };
  return (
    e?.code === '23505' &&
    (e.constraint === 'cases_tracking_code_key' || String(e.message).includes('cases_tracking_code_key'))
  );
}

async function findReplay(db: Db, scope: string, key: string, hash: string): Promise<ReportResult | null> {
  const prior = await one<{
    caseId: number;
    requestHash: string;
    trackingCode: string;
    orgCode: string;
    gridId: number | null;
  }>(
    db,
    sql`select k.case_id as "caseId", k.request_hash as "requestHash", c.tracking_code as "trackingCode",
          c.org_code as "orgCode", c.grid_id as "gridId"
        from idempotency_keys k join cases c on c.id = k.case_id where k.scope = ${scope} and k.key = ${key}`,
  );
  if (!prior) return null;
  if (prior.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED', 422);
  return {
    id: prior.caseId,
    trackingCode: prior.trackingCode,
    orgCode: prior.orgCode,
    gridId: prior.gridId,
    triage: prior.gridId === null,
    duplicates: [],
    replayed: true,
  };
}
