import { randomBytes } from 'node:crypto';
import { ERROR_MESSAGES } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREETLIGHT } from '../../../test/case-helpers.ts';
import { testConfig, testDatabase } from '../../../test/database.ts';
import { createTenant, gridCentre, type Tenant } from '../../../test/factories.ts';
import { commitAnswerLost, databaseDown } from '../../../test/faults.ts';
import { buildApp } from '../../app.ts';
import { PersonalDataCipher } from '../../infra/crypto.ts';
import { type Database, type Db, rows } from '../../infra/db.ts';
import { DbUnavailableError } from '../../infra/db-errors.ts';
import { reportCase } from './commands/report-case.ts';
import { type PendingReport, submitReport } from './commands/write-reports.ts';

let real: Database;
let db: Db;
let t: Tenant;
const marker = () => `停电-${randomBytes(6).toString('hex')}`;
/** How many cases carry a description, and how many first events ('report') they have. */
const stored = async (description: string) =>
  rows<{ id: number; events: number }>(
    db,
    sql`select c.id, (select count(*)::int from case_events e where e.case_id = c.id and e.action = 'report') as events
        from cases c where c.description = ${description}`,
  );

beforeAll(async () => {
  real = await testDatabase();
  db = real.db;
  t = await createTenant(db);
});

describe('reporting while the database is down', () => {
  let app: FastifyInstance;
  let database: ReturnType<typeof databaseDown>;
  beforeAll(async () => {
    database = databaseDown(real);
    app = await buildApp({ config: testConfig(), database, logger: false });
  });
  afterAll(() => app.close());

  it('answers 503 DB_UNAVAILABLE in the caller’s language with Retry-After, stores nothing, and takes the report once the database is back', async () => {
    const description = marker();
    const send = (lang?: string) =>
      app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: { 'idempotency-key': `outage-${description}`, ...(lang ? { 'accept-language': lang } : {}) },
        payload: { categoryCode: STREETLIGHT, description, location: gridCentre(t, 0) },
      });
    const zh = await send();
    expect(zh.statusCode).toBe(503);
    expect(zh.headers['retry-after']).toBe('1');
    expect(zh.json().error).toEqual({ code: 'DB_UNAVAILABLE', message: ERROR_MESSAGES.DB_UNAVAILABLE.zh });
    const en = await send('en-US,en;q=0.9');
    expect(en.json().error).toEqual({ code: 'DB_UNAVAILABLE', message: ERROR_MESSAGES.DB_UNAVAILABLE.en });
    expect(await stored(description)).toEqual([]);

    database.end();
    const later = await send();
    expect(later.statusCode).toBe(201);
    expect(await stored(description)).toEqual([{ id: later.json().data.id, events: 1 }]);
  });
});

/** A checked report in the test tenant, as reportCase hands it to the writer. */
function pending(description: string, key?: string): PendingReport {
  const now = new Date();
  return {
    source: 'resident',
    categoryCode: STREETLIGHT,
    urgency: 'normal',
    description,
    answers: {},
    address: null,
    location: gridCentre(t, 1),
    duplicateRadiusM: 50,
    reporterId: null,
    reporterNameEnc: null,
    reporterPhoneEnc: null,
    reporterPhoneBidx: null,
    reportedAt: now,
    acceptDeadline: new Date(now.getTime() + 86_400_000),
    ownDistrict: null,
    internalScopes: [],
    idempotency: key ? { scope: 'test:outage', key, hash: 'h' } : null,
    photos: [],
  };
}

describe('a connection lost during COMMIT', () => {
  it('refuses every report of a batch and never writes them a second time', async () => {
    const lost = commitAnswerLost(db);
    // submitted together: the first two start at once, the others queue and leave as one batch
    const descriptions = Array.from({ length: 10 }, marker);
    const outcomes = await Promise.allSettled(descriptions.map((d) => submitReport(lost, pending(d))));
    for (const o of outcomes) {
      expect(o.status).toBe('rejected');
      expect((o as PromiseRejectedResult).reason).toBeInstanceOf(DbUnavailableError);
    }
    // the commit did happen: each report is stored exactly once (not acknowledged; without a key a retry
    // by the client would add a second one, which is why the phone pages always send a key)
    for (const d of descriptions) expect((await stored(d)).map((c) => c.events)).toEqual([1]);
  });

  it('answers with the first case when the report carries an Idempotency-Key, at once and on a retry', async () => {
    const description = marker();
    const input = {
      source: 'resident' as const,
      categoryCode: STREETLIGHT,
      description,
      location: gridCentre(t, 2),
      idempotencyKey: `lost-commit-${description}`,
      idempotencyScope: 'test:outage',
    };
    const cipher = new PersonalDataCipher(testConfig().secretKey);
    const first = await reportCase(commitAnswerLost(db), null, input, [], cipher);
    const retry = await reportCase(db, null, input, [], cipher);
    const cases = await stored(description);
    expect(cases).toEqual([{ id: first.id, events: 1 }]);
    expect(first).toMatchObject({ replayed: true });
    expect(retry).toMatchObject({ id: first.id, trackingCode: first.trackingCode, replayed: true });
  });
});
