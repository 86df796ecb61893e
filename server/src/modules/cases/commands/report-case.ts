import { createHash } from 'node:crypto';
import { CASE_SOURCES, type CaseSource, CHANNEL_ROLES, ORG_CODE_LENGTH } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { PersonalDataCipher } from '../../../infra/crypto.ts';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { countIntake } from '../../../infra/metrics.ts';
import type { Actor } from '../../auth/actor.ts';
import { validateAnswers } from '../../categories/answers.ts';
import { findCategory } from '../../categories/queries.ts';
import { blindIndexOf, seal } from '../../personal-data/fields.ts';
import type { StoredPhoto } from '../../photos/store-photo.ts';
import { Deadlines } from '../deadlines.ts';
import type { DuplicateCandidate } from '../duplicates.ts';
import { assertTicketFree, recordTicket } from '../external-refs.ts';
import { internalSourceScopes } from '../internal-sources.ts';
import { reportAreaAt } from '../queries.ts';
import { submitReport } from './write-reports.ts';

export const SOURCES = CASE_SOURCES;
export type Source = CaseSource;

/**
 * Throws unless the caller may report through the channel: API_KEY_REQUIRED for the API channel without an
 * Open311 key or a bearer token (a console login or nobody), FORBIDDEN for a channel none of their roles has.
 */
function assertChannel(actor: Actor | null, source: Source, viaApiKey: boolean): void {
  if (source === 'api') {
    if (viaApiKey) return;
    if (actor?.sessionKind !== 'api') {
      throw new AppError('API_KEY_REQUIRED', actor ? 403 : 401, [{ field: 'body/source' }]);
    }
  }
  const allowed = CHANNEL_ROLES[source];
  if (allowed !== 'anyone' && !actor?.grants.some((g) => allowed.includes(g.role))) {
    throw new AppError('FORBIDDEN', 403, [{ field: 'body/source', message: `not a channel of your roles` }]);
  }
}

/**
 * Throws unless a report through a staff channel lies where a grant giving that channel reaches: a street
 * office files 督查 in its own street, a grid worker patrols its own community, and no one writes cases into another
 * district. A point outside every grid goes to a district's triage queue, which must be one of the reporter's
 * districts. The resident channel (anyone, anywhere) and Open311 keys (no account) are not limited here.
 */
async function assertChannelArea(db: Db, actor: Actor | null, input: ReportInput, viaApiKey: boolean) {
  const allowed = CHANNEL_ROLES[input.source];
  if (allowed === 'anyone' || viaApiKey || !actor || !input.location) return;
  // a grid worker's grant reaches its community here: a phone's position near a grid's edge is often tens
  // of metres off, and a patrol report must not be refused for it
  const scopes = actor.grants
    .filter((g) => g.scopeCode !== null && allowed.includes(g.role))
    .map((g) => g.scopeCode as string)
    .map((s) => (s.length === ORG_CODE_LENGTH.grid ? s.slice(0, ORG_CODE_LENGTH.community) : s));
  const area = await reportAreaAt(db, input.location);
  if (!area) return;
  const reaches = area.grid
    ? scopes.some((s) => area.code.startsWith(s))
    : scopes.some((s) => s.slice(0, 6) === area.code);
  if (!reaches) {
    throw new AppError('FORBIDDEN', 403, [
      { field: 'body/location', message: 'outside the area where your roles report through this channel' },
    ]);
  }
}

export interface ReportInput {
  source: Source;
  categoryCode: string;
  urgency?: 'normal' | 'urgent' | 'critical';
  description: string;
  answers?: unknown;
  /** questions whose answer failed its datatype and was kept aside as text (Open311): answered, not missing */
  answersFlagged?: string[];
  location?: { lng: number; lat: number } | null;
  address?: string | null;
  reporterName?: string | null;
  reporterPhone?: string | null;
  /** the 12345 hotline's ticket number (工单号), hotline cases only */
  externalRef?: string | null;
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
  /** the report's category, which its duplicates share */
  category: { code: string; nameZh: string; nameEn: string };
  /** open cases of the category nearby; from internal sources only within the reporter's areas */
  duplicates: DuplicateCandidate[];
  replayed: boolean;
}

function requestHash(input: ReportInput): string {
  const { idempotencyKey, idempotencyScope, ...rest } = input;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

/**
 * Takes a report from any channel: checks the channel, the category and its questions, then writes the case
 * (see write-reports.ts: grid → community → street or triage, the first event, photos, notifications, in one
 * transaction shared with concurrent reports) and returns nearby open cases of the same category. A repeated
 * Idempotency-Key returns the first case. The API channel needs an Open311 key (viaApiKey) or a bearer token.
 */
export async function reportCase(
  db: Db,
  actor: Actor | null,
  input: ReportInput,
  photos: StoredPhoto[],
  cipher: PersonalDataCipher,
  /** true when an Open311 key was checked (the GeoReport POST): the API channel with no account */
  viaApiKey = false,
): Promise<ReportResult> {
  assertChannel(actor, input.source, viaApiKey);
  await assertChannelArea(db, actor, input, viaApiKey);
  const category = await findCategory(db, input.categoryCode);
  if (!category || category.parentCode === null)
    throw new AppError('CATEGORY_UNKNOWN', 400, [{ field: 'body/categoryCode' }]);
  if (!category.active) throw new AppError('CATEGORY_INACTIVE', 400, [{ field: 'body/categoryCode' }]);
  const answers = validateAnswers(category, input.answers ?? {}, input.answersFlagged);
  const hash = requestHash(input);
  const deadlines = await Deadlines.load(db);
  const now = new Date();
  const loc = input.location ?? null;
  const named = { code: category.code, nameZh: category.nameZh, nameEn: category.nameEn };
  if (input.externalRef) {
    // the hotline resending its ticket with the same key gets its case back, not a refusal
    const prior = input.idempotencyKey
      ? await findReplay(db, input.idempotencyScope, input.idempotencyKey, hash)
      : null;
    if (prior) {
      // the first attempt may have ended between the case and its ticket (a crash, a lost connection):
      // recording it again is a no-op when it is there and heals the link when it is not
      await recordTicket(db, prior.id, input.externalRef);
      countIntake(input.source, true);
      return { ...prior, category: named };
    }
    await assertTicketFree(db, input.source, input.externalRef);
  }
  try {
    // A repeated Idempotency-Key is not looked up first: the key's primary key refuses the insert and the
    // catch answers with the first case. Retries are rare, so this saves every report a round trip.
    const written = await submitReport(db, {
      source: input.source,
      categoryCode: category.code,
      urgency: input.urgency ?? 'normal',
      description: input.description,
      answers,
      address: input.address ?? null,
      location: loc,
      duplicateRadiusM: category.duplicateRadiusM,
      internalScopes: internalSourceScopes(actor),
      reporterId: actor?.userId ?? null,
      reporterNameEnc: seal(cipher, input.reporterName),
      reporterPhoneEnc: seal(cipher, input.reporterPhone),
      reporterPhoneBidx: input.reporterPhone?.trim()
        ? blindIndexOf(cipher, 'phone', input.reporterPhone)
        : null,
      reportedAt: now,
      acceptDeadline: deadlines.stageDeadline('accept', now),
      ownDistrict: actor?.grants.find((g) => g.scopeCode)?.scopeCode?.slice(0, 6) ?? null,
      idempotency: input.idempotencyKey
        ? { scope: input.idempotencyScope, key: input.idempotencyKey, hash }
        : null,
      photos,
    });
    if (input.externalRef) await recordTicket(db, written.id, input.externalRef);
    countIntake(input.source, false);
    return { ...written, triage: written.gridId === null, category: named, replayed: false };
  } catch (err) {
    // a retry, or a concurrent request with the same key that won the race: answer with its case
    if (input.idempotencyKey) {
      const replay = await findReplay(db, input.idempotencyScope, input.idempotencyKey, hash);
      if (replay) {
        countIntake(input.source, true);
        return { ...replay, category: named };
      }
    }
    throw err;
  }
}

async function findReplay(
  db: Db,
  scope: string,
  key: string,
  hash: string,
): Promise<Omit<ReportResult, 'category'> | null> {
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
