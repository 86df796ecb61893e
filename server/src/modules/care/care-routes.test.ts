import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createUserWith, loginAs } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { addHousehold } from '../people/test-fixtures.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';
import { sweepCare } from './care-sweep.ts';
import { type CareWorld, careWorld } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let w: CareWorld;
let worker: string;
let otherWorker: string;
let alone: number;
let tagged: number;
let householdId: number;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await careWorld(db);
  worker = await loginAs(app, w.gridWorker);
  otherWorker = await loginAs(
    app,
    await createUserWith(db, 'grid_worker', { orgNodeId: w.t.grids[1]!.id }, w.t.grids[1]!.code),
  );
  const h = await addHousehold(db, w.t, 0, [{ name: '王秀英', gender: 'F', birthDate: '1938-02-03' }], {
    tags: [['独居老人']],
  });
  alone = h.personIds[0]!;
  householdId = h.householdId;
  tagged = (
    await addHousehold(db, w.t, 0, [{ name: '赵桂兰', gender: 'F', birthDate: '1941-02-03' }], {
      tags: [['独居老人']],
    })
  ).personIds[0]!;
});

const call = (cookie: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
const enrolBody = (personId: number) => ({
  personId,
  consentBy: 'self',
  consentBasis: '本人签署知情同意书（纸质存档）',
  thresholdHours: 24,
  contacts: [{ relation: '儿子', name: '王建军', phone: '13912345678' }],
});
const audits = (action: string, personId: number) =>
  rows<{ after: Record<string, unknown> | null }>(
    db,
    sql`select after from audit_log where action = ${action} and entity = 'person' and entity_id = ${String(personId)}`,
  );

describe('enrolment', () => {
  it('offers the 独居老人 list; the tag alone enrols no one', async () => {
    const res = await call(worker, 'GET', '/api/care/candidates');
    expect(res.statusCode).toBe(200);
    const ids = res.json().data.map((c: { personId: number }) => c.personId);
    expect(ids).toEqual(expect.arrayContaining([alone, tagged]));
    expect(res.json().data.find((c: { personId: number }) => c.personId === alone).name).toBe('王*英');
    const watched = await call(worker, 'GET', '/api/care/watched');
    expect(watched.json().data.map((x: { personId: number }) => x.personId)).not.toContain(tagged);
  });

  it('refuses an enrolment without consent, in the caller’s language, and writes nothing', async () => {
    const { consentBasis: _, ...noConsent } = enrolBody(tagged);
    const res = await app.inject({
      method: 'POST',
      url: '/api/care/watched',
      headers: { cookie: worker, 'accept-language': 'en-US' },
      payload: noConsent,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(await one(db, sql`select 1 from care_watched where person_id = ${tagged}`)).toBeNull();
  });

  it('enrols with consent recorded and contacts sealed; a second enrolment is refused', async () => {
    const res = await call(worker, 'POST', '/api/care/watched', enrolBody(alone));
    expect(res.statusCode).toBe(201);
    const token = res.json().data.checkinToken as string;
    const row = await one<{ hash: string; consentBy: string; phoneEnc: string }>(
      db,
      sql`select w.checkin_token_hash as hash, w.consent_by as "consentBy", c.phone_enc as "phoneEnc"
          from care_watched w join care_contacts c on c.person_id = w.person_id where w.person_id = ${alone}`,
    );
    expect(row!.hash).not.toContain(token);
    expect(row!.phoneEnc).not.toContain('13912345678');
    expect((await audits('care.enrol', alone))[0]!.after).toMatchObject({ consentBy: 'self', contacts: 1 });
    expect((await call(worker, 'POST', '/api/care/watched', enrolBody(alone))).json().error.code).toBe(
      'CARE_ALREADY_WATCHED',
    );
    // another grid's worker cannot see or enrol here
    expect((await call(otherWorker, 'GET', `/api/care/watched/${alone}`)).statusCode).toBe(404);
    expect((await call(otherWorker, 'POST', '/api/care/watched', enrolBody(tagged))).statusCode).toBe(404);
  });

  it('shows contacts masked, audits every view of the sightings and every reveal', async () => {
    const res = await call(worker, 'GET', `/api/care/watched/${alone}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data.contacts).toEqual([
      expect.objectContaining({ relation: '儿子', name: '王*军', phone: '139****5678' }),
    ]);
    expect(await audits('care.sightings.view', alone)).toHaveLength(1);
    const revealed = await call(worker, 'POST', `/api/care/watched/${alone}/contacts/reveal`, {
      reason: '预警后联系家属',
    });
    expect(revealed.json().data[0].phone).toBe('13912345678');
    expect((await audits('personal.reveal', alone))[0]!.after).toMatchObject({
      subject: 'emergency_contact',
    });
  });
});

describe('sightings from people', () => {
  it('the elder checks in with the secret of their link; a wrong secret is 404', async () => {
    const token = (await call(worker, 'POST', `/api/care/watched/${alone}/checkin-link`)).json().data
      .checkinToken;
    const before = await call(null, 'POST', '/api/care/checkin/status', { token });
    expect(before.json().data).toEqual({ name: '王*英', checkedInToday: false });
    const done = await call(null, 'POST', '/api/care/checkin', { token });
    expect(done.json().data.checkedInToday).toBe(true);
    expect((await call(null, 'POST', '/api/care/checkin', { token: 'x'.repeat(32) })).statusCode).toBe(404);
    const s = await rows(
      db,
      sql`select 1 from care_sightings where person_id = ${alone} and source = 'checkin'`,
    );
    expect(s).toHaveLength(1);
  });

  it('a phone visit to the household is a sighting', async () => {
    const res = await call(worker, 'POST', '/api/visits', { householdId, kind: 'phone', needs: [] });
    expect(res.statusCode).toBe(201);
    const s = await rows(
      db,
      sql`select 1 from care_sightings where person_id = ${alone} and source = 'call'`,
    );
    expect(s).toHaveLength(1);
  });
});

describe('an alert on the phone', () => {
  it('shows on top of my elders, stops escalating when seen, closes with "safe"', async () => {
    await db.execute(
      sql`update care_watched set last_seen_at = now() - interval '30 hours', watch_from = now() - interval '30 hours'
          where person_id = ${alone}`,
    );
    await db.execute(
      sql`delete from care_sightings where person_id = ${alone} and seen_at > now() - interval '30 hours'`,
    );
    expect((await sweepCare(db, testCipher(), { orgPrefix: w.t.district.code })).raised).toBe(1);
    const list = (await call(worker, 'GET', '/api/care/watched')).json().data;
    expect(list[0]).toMatchObject({ personId: alone, alert: expect.objectContaining({ level: 0 }) });
    const caseId = list[0].alert.caseId as number;
    expect((await call(otherWorker, 'GET', `/api/care/alerts/${caseId}`)).statusCode).toBe(404);
    await call(worker, 'POST', `/api/care/watched/${alone}/seen`, { how: 'call' });
    const alert = (await call(worker, 'GET', `/api/care/alerts/${caseId}`)).json().data;
    expect(alert.actedAt).not.toBeNull();
    expect(alert.seenSince).toMatchObject({ source: 'call' });
    expect(alert.timeline.map((s: { kind: string }) => s.kind)).toEqual(['raised', 'acted']);
    const closed = await call(worker, 'POST', `/api/care/alerts/${caseId}/outcome`, {
      outcome: 'safe',
      note: '电话联系上，老人平安',
    });
    expect(closed.statusCode).toBe(200);
    const again = await call(worker, 'POST', `/api/care/alerts/${caseId}/outcome`, {
      outcome: 'safe',
      note: '再次提交',
    });
    expect(again.json().error.code).toBe('CARE_ALERT_CLOSED');
    expect(
      (await call(worker, 'GET', '/api/care/watched'))
        .json()
        .data.find((x: { personId: number }) => x.personId === alone).alert,
    ).toBeNull();
  });

  it('keeps care alerts out of the KPIs (漏报率, rankings and flags read the same counts)', async () => {
    const admin = await loginAs(
      app,
      await createUserWith(db, 'district_admin', { orgNodeId: w.t.district.id }, w.t.district.code),
    );
    const alerts = await rows(
      db,
      sql`select 1 from care_alerts a join cases c on c.id = a.case_id
      where c.org_code like ${`${w.t.district.code}%`}`,
    );
    expect(alerts.length).toBeGreaterThan(0);
    const k = (await call(admin, 'GET', `/api/cases/kpis?org=${w.t.district.code}`)).json().data;
    expect(k.counts.reported).toBe(0);
    expect(k.counts.byState.closed).toBe(0);
  });
});
