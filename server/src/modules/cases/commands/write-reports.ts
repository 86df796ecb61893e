import { sql } from 'drizzle-orm';
import { type BatchingOptions, batchedPerDb } from '../../../infra/batcher.ts';
import { type Db, rows } from '../../../infra/db.ts';
import { isDbUnavailable } from '../../../infra/db-errors.ts';
import { AppError } from '../../../infra/errors.ts';
import { notifyCaseEvents } from '../../notify/emit.ts';
import { publicEventSummary } from '../../notify/messages.ts';
import { inForceSql } from '../../org/current-node.ts';
import { attachPhotos } from '../../photos/attach-photos.ts';
import type { StoredPhoto } from '../../photos/store-photo.ts';
import { type DuplicateCandidate, nearbyOpenCasesSql } from '../duplicates.ts';
import { newTrackingCode } from '../tracking-code.ts';

/** A checked report, ready to be written: the columns of its case and what its first event and keys need. */
export interface PendingReport {
  source: string;
  categoryCode: string;
  urgency: string;
  description: string;
  answers: Record<string, unknown>;
  address: string | null;
  location: { lng: number; lat: number } | null;
  /** the category's radius for duplicates and recurrences, in metres */
  duplicateRadiusM: number;
  /** org codes under which cases from internal sources may be suggested as duplicates (the reporter's areas) */
  internalScopes: string[];
  reporterId: string | null;
  /** sealed (personal-data module) before it gets here, like the phone */
  reporterNameEnc: string | null;
  reporterPhoneEnc: string | null;
  /** blind index of the phone, so staff find a caller's cases by exact number */
  reporterPhoneBidx: string | null;
  reportedAt: Date;
  acceptDeadline: Date;
  /** where a report outside every grid (and away from any district outline) is triaged: the reporter's district */
  ownDistrict: string | null;
  idempotency: { scope: string; key: string; hash: string } | null;
  photos: StoredPhoto[];
}

const REPORT_SUMMARY = publicEventSummary({ action: 'report', toState: 'reported', data: {}, reason: null });

/** What the database assigned to a written report. */
export interface WrittenReport {
  id: number;
  trackingCode: string;
  orgCode: string;
  gridId: number | null;
  duplicates: DuplicateCandidate[];
}

type Row = Omit<WrittenReport, 'duplicates'> & {
  n: number;
  eventId: number;
  duplicates: (Omit<DuplicateCandidate, 'reportedAt'> & { reportedAt: string })[];
};

/**
 * Writes reports in one statement inside the caller's transaction: each point is resolved to its grid (or
 * triaged to the nearest district), then the cases, their first events, the reporters as followers and the
 * idempotency keys are inserted, and the open cases near each report are found (the statement's snapshot does
 * not hold the new cases). Then photos and notifications. A report that cannot be placed anywhere (no district
 * at all) is left out and answered OUTSIDE_GRIDS; any other failure throws for the whole batch.
 */
async function writeReports(
  tx: Db,
  reports: PendingReport[],
  codes: string[],
): Promise<PromiseSettledResult<WrittenReport>[]> {
  const input = reports.map((r, n) => ({
    n,
    code: codes[n],
    source: r.source,
    category_code: r.categoryCode,
    urgency: r.urgency,
    description: r.description,
    answers: r.answers,
    address: r.address,
    lng: r.location?.lng ?? null,
    lat: r.location?.lat ?? null,
    radius_m: r.duplicateRadiusM,
    internal_scopes: r.internalScopes.map((s) => `${s}%`),
    reporter_id: r.reporterId,
    reporter_name_enc: r.reporterNameEnc,
    reporter_phone_enc: r.reporterPhoneEnc,
    reporter_phone_bidx: r.reporterPhoneBidx,
    reported_at: r.reportedAt.toISOString(),
    accept_deadline: r.acceptDeadline.toISOString(),
    own_district: r.ownDistrict,
    idem_scope: r.idempotency?.scope ?? null,
    idem_key: r.idempotency?.key ?? null,
    idem_hash: r.idempotency?.hash ?? null,
  }));
  const written = await rows<Row>(
    tx,
    sql`with p as (
          select p.*, case when p.lng is null then null else st_setsrid(st_point(p.lng, p.lat), 4326) end as pt
          from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as p(n int, code text, source text,
            category_code text, urgency text, description text, answers jsonb, address text, lng float8, lat float8,
            radius_m int, internal_scopes text[], reporter_id uuid, reporter_name_enc text,
            reporter_phone_enc text, reporter_phone_bidx text, reported_at timestamptz, accept_deadline timestamptz, own_district text,
            idem_scope text, idem_key text, idem_hash text)),
        r as (
          select p.*, g.id as grid_id,
            coalesce(g.code,
              (select d.code from org_nodes d where p.pt is not null and d.level = 'district' and d.geom is not null
                order by d.geom <-> p.pt limit 1),
              p.own_district,
              (select d.code from org_nodes d where d.level = 'district' order by d.code limit 1)) as org_code
          from p left join lateral (
            select g.id, g.code from org_nodes g
            where g.level = 'grid' and st_intersects(g.geom, p.pt)
              and ${inForceSql('g')}
            order by g.code limit 1) g on true),
        c as (
          insert into cases (tracking_code, source, category_code, urgency, state, description, answers, address,
            location, grid_id, org_code, reporter_id, reporter_name_enc, reporter_phone_enc, reporter_phone_bidx, reported_at, stage,
            stage_started_at, stage_deadline_at)
          select r.code, r.source, r.category_code, r.urgency, 'reported', r.description, r.answers, r.address,
            r.pt, r.grid_id, r.org_code, r.reporter_id, r.reporter_name_enc, r.reporter_phone_enc, r.reporter_phone_bidx,
            r.reported_at,
            'accept', r.reported_at, r.accept_deadline
          from r where r.org_code is not null order by r.n
          returning id, tracking_code),
        cr as (select c.id, r.* from c join r on r.code = c.tracking_code),
        e as (
          insert into case_events (case_id, actor_id, actor_role, action, from_state, to_state, data, public)
          select cr.id, cr.reporter_id, cr.source, 'report', null, 'reported',
            jsonb_build_object('source', cr.source, 'triage', cr.grid_id is null), true
          from cr order by cr.n
          returning id, case_id),
        f as (
          insert into case_followers (case_id, user_id)
          select cr.id, cr.reporter_id from cr where cr.reporter_id is not null),
        k as (
          insert into idempotency_keys (scope, key, case_id, request_hash)
          select cr.idem_scope, cr.idem_key, cr.id, cr.idem_hash from cr where cr.idem_key is not null)
        select cr.n, cr.id, cr.code as "trackingCode", cr.org_code as "orgCode", cr.grid_id as "gridId",
          e.id as "eventId",
          case when cr.pt is null then '[]'::json else (select coalesce(json_agg(d), '[]') from (${nearbyOpenCasesSql(
            {
              point: sql`cr.pt`,
              categoryCode: sql`cr.category_code`,
              radiusM: sql`cr.radius_m`,
              internalScopes: sql`cr.internal_scopes`,
            },
          )}) d) end as duplicates
        from cr join e on e.case_id = cr.id
        order by cr.n`,
    { prepare: 'cases.write-reports' },
  );
  for (const w of written) {
    const photos = reports[w.n]!.photos;
    if (photos.length) await attachPhotos(tx, { caseId: w.id, eventId: w.eventId, kind: 'report', photos });
  }
  await notifyCaseEvents(
    tx,
    written.map((w) => ({
      caseId: w.id,
      eventId: w.eventId,
      action: 'report',
      toState: 'reported',
      actorId: reports[w.n]!.reporterId,
      // the report is a public step with no note: its public summary needs nothing of the case
      publicBody: REPORT_SUMMARY,
    })),
  );
  const byN = new Map(written.map((w) => [w.n, w]));
  return reports.map((_, n): PromiseSettledResult<WrittenReport> => {
    const w = byN.get(n);
    if (!w) return { status: 'rejected', reason: new AppError('OUTSIDE_GRIDS', 422) };
    // json_agg keeps the sorted subquery's order; timestamps come back as text
    const duplicates = w.duplicates.map((d) => ({ ...d, reportedAt: new Date(d.reportedAt) }));
    return {
      status: 'fulfilled',
      value: { id: w.id, trackingCode: w.trackingCode, orgCode: w.orgCode, gridId: w.gridId, duplicates },
    };
  });
}

/** How often a report is retried with a new tracking code when the random one is already taken. */
const TRACKING_CODE_ATTEMPTS = 5;

/**
 * Writes one report in its own transaction, again with another tracking code when the unique index says the
 * random one is taken: 10^9 codes a month meet the birthday paradox at tens of thousands of reports a month,
 * and a resident's report must not fail for that.
 */
async function writeOne(db: Db, report: PendingReport): Promise<WrittenReport> {
  for (let i = 1; ; i++) {
    try {
      const [result] = await db.transaction((tx) =>
        writeReports(tx, [report], [newTrackingCode(report.reportedAt)]),
      );
      if (result?.status === 'fulfilled') return result.value;
      throw result?.reason;
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

/**
 * One batch: all reports in one transaction. When it fails (a repeated Idempotency-Key, a tracking-code clash,
 * anything) nothing of it is stored and each report is written again on its own, so one report's problem is
 * answered to that report alone. Not when the database is unreachable: the batch's COMMIT may have happened
 * with its answer lost, and writing each again would store those reports twice. Every report of the batch is
 * then refused (503) and nobody is acknowledged; a retry with the same Idempotency-Key finds its case if the
 * commit did happen.
 */
async function writeBatch(db: Db, reports: PendingReport[]): Promise<PromiseSettledResult<WrittenReport>[]> {
  if (reports.length > 1) {
    try {
      const codes = reports.map((r) => newTrackingCode(r.reportedAt));
      return await db.transaction((tx) => writeReports(tx, reports, codes));
    } catch (err) {
      if (isDbUnavailable(err)) return reports.map(() => ({ status: 'rejected', reason: err }));
      // otherwise fall through: each on its own
    }
  }
  return Promise.allSettled(reports.map((r) => writeOne(db, r)));
}

/**
 * Reports arriving while the database is busy with earlier ones wait and are written together: at 1,000
 * reports a second a batch of a few dozen costs one round trip, one plan, one run of the insert triggers and one
 * commit instead of one each. A second batch runs beside the first only once that one has taken 25 ms (a batch
 * of 15 takes ≈ 15 ms): while the database keeps up, one batch at a time gathers the most reports (docs/
 * PERFORMANCE.md, "Intake at steady state"); when one batch is held up, the next does not wait for it.
 */
const BATCHING: BatchingOptions = { maxInFlight: 2, maxBatch: 64, overlapAfterMs: 25 };

/** Writes a checked report (batched with concurrent ones on the same database handle) and returns its case. */
export const submitReport: (db: Db, report: PendingReport) => Promise<WrittenReport> = batchedPerDb(
  writeBatch,
  BATCHING,
);
