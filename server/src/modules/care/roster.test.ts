import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createUserWith, loginAs, type TestUser } from '../../../test/factories.ts';
import { type Db, rows } from '../../infra/db.ts';
import { districtToday } from '../people/present-person.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';
import { sweepCare } from './care-sweep.ts';
import { addRosterEntry } from './commands/add-roster-entry.ts';
import { actorOf, alertsOf, type CareWorld, careWorld, enrolElders } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let w: CareWorld;
const H = 3_600_000;
const t0 = new Date('2026-11-10T00:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * H);
const cipher = testCipher();
/** a second member of community 0's staff, and two more of street 0's */
let contact: TestUser;
let dutyA: TestUser;
let dutyB: TestUser;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await careWorld(db);
  const staff = (role: 'community_staff' | 'street_staff', node: { id: number; code: string }) =>
    createUserWith(db, role, { orgNodeId: node.id }, node.code);
  contact = await staff('community_staff', w.t.communities[0]!);
  dutyA = await staff('street_staff', w.t.streets[0]!);
  dutyB = await staff('street_staff', w.t.streets[0]!);
});

const stepsOf = (caseId: number) =>
  rows<{ kind: string; recipients: string[] }>(
    db,
    sql`select kind, recipients from care_alert_steps where case_id = ${caseId} order by id`,
  );
const name = async (code: string, user: TestUser, days?: { fromDay: string; toDay: string }, now = t0) =>
  addRosterEntry(
    db,
    await actorOf(db, w.streetStaff),
    {
      id: (await rows<{ id: number }>(db, sql`select id from org_nodes where code = ${code}`))[0]!.id,
      code,
      duty: code.length === 12 ? 'care_contact' : 'duty_officer',
    },
    { userId: user.id, ...days },
    'test',
    now,
  );

describe('escalation follows the roster', () => {
  it('tells the named care contact and the duty officer on duty that day, not every staff member', async () => {
    const street = w.t.streets[0]!.code;
    await name(w.t.communities[0]!.code, contact);
    await name(street, dutyA);
    // dutyB is on duty on the alert's day only: that day they replace the standing dutyA
    await name(street, dutyB, { fromDay: districtToday(at(26)), toDay: districtToday(at(26)) });
    const [elder] = await enrolElders(db, w, 1, { from: at(0) });
    await sweepCare(db, cipher, { now: at(24), orgPrefix: w.t.district.code });
    await sweepCare(db, cipher, { now: at(26), orgPrefix: w.t.district.code });
    await sweepCare(db, cipher, { now: at(30), orgPrefix: w.t.district.code });
    const [alert] = await alertsOf(db, [elder!]);
    const steps = await stepsOf(alert!.caseId);
    expect(steps.find((s) => s.kind === 'care_contact')?.recipients).toEqual([contact.id]);
    expect(steps.find((s) => s.kind === 'duty_officer')?.recipients).toEqual([dutyB.id]);
    const [event] = await rows<{ data: { via: string } }>(
      db,
      sql`select data from case_events where case_id = ${alert!.caseId} and action = 'care_escalate' order by id limit 1`,
    );
    expect(event?.data.via).toBe('roster');
  }, 120_000);

  it('on a day without a dated entry tells the standing duty officer', async () => {
    const [elder] = await enrolElders(db, w, 1, { from: at(100) });
    await sweepCare(db, cipher, { now: at(124), orgPrefix: w.t.district.code });
    await sweepCare(db, cipher, { now: at(130), orgPrefix: w.t.district.code });
    const [alert] = await alertsOf(db, [elder!]);
    const steps = await stepsOf(alert!.caseId);
    expect(steps.find((s) => s.kind === 'duty_officer')?.recipients).toEqual([dutyA.id]);
  }, 120_000);

  it('falls back on the roles when the named person can no longer act (disabled)', async () => {
    await db.execute(sql`update users set disabled = true where id = ${contact.id}`);
    try {
      const [elder] = await enrolElders(db, w, 1, { from: at(200) });
      await sweepCare(db, cipher, { now: at(224), orgPrefix: w.t.district.code });
      await sweepCare(db, cipher, { now: at(226), orgPrefix: w.t.district.code });
      const [alert] = await alertsOf(db, [elder!]);
      const steps = await stepsOf(alert!.caseId);
      expect(steps.find((s) => s.kind === 'care_contact')?.recipients).toEqual([w.communityStaff.id]);
    } finally {
      await db.execute(sql`update users set disabled = false where id = ${contact.id}`);
    }
  }, 120_000);
});

describe('the roster in the console', () => {
  let street: string;
  let otherStreet: string;
  let community: string;
  beforeAll(async () => {
    street = await loginAs(app, w.streetStaff);
    otherStreet = await loginAs(
      app,
      await createUserWith(db, 'street_staff', { orgNodeId: w.t.streets[1]!.id }, w.t.streets[1]!.code),
    );
    community = await loginAs(app, w.communityStaff);
  });
  const call = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { cookie, 'accept-language': 'zh-CN' },
      ...(payload ? { payload } : {}),
    });

  it('lets the street name a care contact for its own community, audited, and lists who is on duty today', async () => {
    const code = w.t.communities[1]!.code;
    const eligible = await call(street, 'GET', `/api/care/roster/eligible?org=${code}`);
    expect(eligible.statusCode, eligible.body).toBe(200);
    const ids = (eligible.json().data as { id: string }[]).map((e) => e.id);
    expect(ids).toContain(w.streetStaff.id);
    expect(ids).not.toContain(w.gridWorker.id);
    const added = await call(street, 'POST', '/api/care/roster', { org: code, userId: dutyA.id });
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json().data.id as number;
    const [audit] = await rows<{ after: Record<string, unknown> }>(
      db,
      sql`select after from audit_log where action = 'care.roster.add' and entity_id = ${String(id)}`,
    );
    expect(audit?.after).toMatchObject({ duty: 'care_contact', userId: dutyA.id, fromDay: null });
    const list = await call(street, 'GET', `/api/care/roster?org=${w.t.streets[0]!.code}`);
    const areas = list.json().data.areas as {
      code: string;
      duty: string;
      entries: { id: number; onDutyToday: boolean }[];
    }[];
    expect(areas.map((a) => a.code)).toEqual([
      w.t.streets[0]!.code,
      w.t.communities[0]!.code,
      w.t.communities[1]!.code,
    ]);
    expect(areas[2]).toMatchObject({ duty: 'care_contact', entries: [{ id, onDutyToday: true }] });
    const gone = await call(street, 'DELETE', `/api/care/roster/${id}`);
    expect(gone.statusCode).toBe(200);
    const removed = await rows(
      db,
      sql`select 1 from audit_log where action = 'care.roster.remove' and entity_id = ${String(id)}`,
    );
    expect(removed).toHaveLength(1);
  });

  it('refuses another street’s community, community staff, and a person who cannot follow alerts there', async () => {
    const code = w.t.communities[0]!.code;
    const foreign = await call(otherStreet, 'POST', '/api/care/roster', { org: code, userId: dutyA.id });
    expect([403, 404]).toContain(foreign.statusCode);
    const own = await call(community, 'POST', '/api/care/roster', { org: code, userId: contact.id });
    expect(own.statusCode).toBe(403);
    const worker = await call(street, 'POST', '/api/care/roster', { org: code, userId: w.gridWorker.id });
    expect(worker.statusCode).toBe(400);
    expect(worker.json().error).toMatchObject({ code: 'CARE_ROSTER_NOT_ELIGIBLE' });
    expect(worker.json().error.message).toContain('不能担任');
    const grid = await call(street, 'POST', '/api/care/roster', {
      org: w.t.grids[0]!.code,
      userId: dutyA.id,
    });
    expect(grid.statusCode).toBe(400);
  });

  it('checks the days and refuses the same name twice, changing nothing', async () => {
    const code = w.t.streets[0]!.code;
    const before = await rows(db, sql`select id from care_roster`);
    const today = districtToday();
    for (const days of [
      { fromDay: today },
      { fromDay: '2026-02-30', toDay: '2026-03-01' },
      { fromDay: '2099-03-02', toDay: '2099-03-01' },
      { fromDay: '2020-01-01', toDay: '2020-01-02' },
      { fromDay: today, toDay: '2099-01-01' },
    ]) {
      const res = await call(street, 'POST', '/api/care/roster', { org: code, userId: dutyB.id, ...days });
      expect(res.statusCode, JSON.stringify(days)).toBe(400);
    }
    expect(await rows(db, sql`select id from care_roster`)).toHaveLength(before.length);
    // dutyA is already a standing duty officer of the street (named above)
    const twice = await call(street, 'POST', '/api/care/roster', { org: code, userId: dutyA.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CARE_ROSTER_DUPLICATE');
  });
});
