import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createUserWith, loginAs } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;
let otherGridWorker: string;

const NAME = '王小明';
const PHONE = '13812345678';
/** createUserWith names a resident account this way; the timeline must not show it to staff. */
const RESIDENT_ACCOUNT = '测试resident';

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
  otherGridWorker = await loginAs(
    app,
    await createUserWith(db, 'grid_worker', { orgNodeId: w.t.grids[1]!.id }, w.t.district.code),
  );
});

/** A resident's report with a name and phone, in grid 0; dispatched to the tenant's unit when asked. */
async function reported(dispatch = false): Promise<number> {
  const res = await report(app, w, w.resident, { reporterName: NAME, reporterPhone: PHONE });
  expect(res.statusCode).toBe(201);
  const id = res.json().data.id as number;
  if (dispatch) {
    await ok(app, w.dispatcher, id, 'file');
    await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
  }
  return id;
}

const view = (cookie: string, id: number) => app.inject({ url: `/api/cases/${id}`, headers: { cookie } });
const reveal = (cookie: string, id: number, body: unknown = { reason: '需回电核实现场情况' }) =>
  app.inject({
    method: 'POST',
    url: `/api/cases/${id}/reporter/reveal`,
    headers: { cookie },
    payload: body as object,
  });
const reveals = (id: number) =>
  rows<{ actorId: string; after: Record<string, unknown>; scopeCode: string; text: string }>(
    db,
    sql`select actor_id as "actorId", after, scope_code as "scopeCode", after::text as text from audit_log
        where action = 'personal.reveal' and entity = 'case' and entity_id = ${String(id)} order by id`,
  );

describe('who reported, in the staff case view', () => {
  it('stores the reporter sealed: no name or phone in clear in the row', async () => {
    const id = await reported();
    const row = await one<{ legacy: string | null; name: string; phone: string }>(
      db,
      sql`select legacy_reporter_name as legacy, reporter_name_enc as name, reporter_phone_enc as phone
          from cases where id = ${id}`,
    );
    expect(row!.legacy).toBeNull();
    expect(row!.name).not.toContain('王');
    expect(row!.phone).not.toContain('1381234');
    expect(testCipher().decrypt(row!.name)).toBe(NAME);
  });

  it('shows a grid worker in scope the reporter masked, never the full phone or name', async () => {
    const id = await reported();
    const res = await view(w.gridWorker, id);
    expect(res.statusCode).toBe(200);
    expect(res.json().data.reporter).toEqual({
      withheld: false,
      name: '王*明',
      phone: '138****5678',
      email: null,
      account: true,
      canReveal: true,
    });
    expect(res.body).not.toContain(PHONE);
    expect(res.body).not.toContain(NAME);
  });

  it('names no resident reporter on the timeline and sends no reporterId, even to a dispatcher', async () => {
    const id = await reported(true);
    const res = await view(w.dispatcher, id);
    const data = res.json().data;
    expect(data).not.toHaveProperty('reporterId');
    expect(data.events[0]).toMatchObject({ action: 'report', actorName: null, actorRole: 'resident' });
    expect(res.body).not.toContain(RESIDENT_ACCOUNT);
    expect(res.body).not.toContain(w.residentUser.id);
  });

  it('tells a leader nothing of the reporter: no field, no id, no name on the report event', async () => {
    const id = await reported(true);
    const res = await view(w.leader, id);
    expect(res.statusCode).toBe(200);
    expect(res.json().data.reporter).toBeNull();
    expect(res.body).not.toContain(w.residentUser.id);
    expect(res.body).not.toContain(RESIDENT_ACCOUNT);
    expect(res.body).not.toMatch(/王|\*\*\*\*5678/);
    expect((await reveal(w.leader, id)).statusCode).toBe(403);
    expect(await reveals(id)).toEqual([]);
  });

  it('tells the unit handling the case only that a contact exists, and no staff reporter either', async () => {
    const id = await reported(true);
    const res = await view(w.unit, id);
    expect(res.json().data.reporter).toEqual({
      withheld: true,
      name: null,
      phone: null,
      email: null,
      account: false,
      canReveal: true,
    });
    expect(res.body).not.toContain(w.residentUser.id);
    expect(res.body).not.toContain(RESIDENT_ACCOUNT);
    expect(res.body).not.toMatch(/王|5678/);
    // a hotline case typed in by the dispatcher: the unit does not learn who took the call either
    const hotline = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: w.dispatcher },
      payload: {
        source: 'hotline',
        categoryCode: '05.02',
        description: '来电反映路灯不亮',
        location: { lng: w.t.origin[0] + 0.005, lat: w.t.origin[1] + 0.005 },
        reporterName: '赵六',
      },
    });
    const hid = hotline.json().data.id as number;
    await ok(app, w.dispatcher, hid, 'file');
    await ok(app, w.dispatcher, hid, 'dispatch', { unitId: w.t.unitId });
    expect((await view(w.unit, hid)).json().data.events[0].actorName).toBeNull();
    // …while the roles that may know the reporter still see which colleague entered it
    expect((await view(w.dispatcher, hid)).json().data.events[0].actorName).toBe('测试dispatcher');
  });
});

describe('revealing the reporter', () => {
  it('needs a reason: none, blank or too short is a 400 and writes nothing', async () => {
    const id = await reported();
    for (const body of [{}, { reason: '   ' }, { reason: '看' }]) {
      const res = await reveal(w.gridWorker, id, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect(await reveals(id)).toEqual([]);
  });

  it('shows a grid worker in scope the clear values and records who, why and what, never the values', async () => {
    const id = await reported();
    const res = await reveal(w.gridWorker, id, { reason: ' 需回电核实现场情况 ' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ name: NAME, phone: PHONE, email: null });
    const [row, ...more] = await reveals(id);
    expect(more).toEqual([]);
    expect(row!.after).toEqual({
      subject: 'reporter',
      fields: ['name', 'phone'],
      reason: '需回电核实现场情况',
      via: 'scope',
    });
    expect(row!.scopeCode).toBe(w.t.grids[0]!.code);
    expect(row!.text).not.toContain(PHONE);
    expect(row!.text).not.toContain(NAME);
  });

  it('refuses a grid worker of another grid as if the case did not exist', async () => {
    const id = await reported();
    expect((await reveal(otherGridWorker, id)).statusCode).toBe(404);
    expect(await reveals(id)).toEqual([]);
  });

  it('lets the unit handling the case reveal the contact with a reason, audited as a unit reveal', async () => {
    const id = await reported(true);
    const res = await reveal(w.unit, id, { reason: '需入户检修，联系住户开门' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ name: NAME, phone: PHONE, email: null });
    const [row] = await reveals(id);
    expect(row!.after).toMatchObject({ via: 'unit', reason: '需入户检修，联系住户开门' });
    expect(row!.text).not.toContain(PHONE);
  });

  it('refuses a unit that does not hold the case, and the unit once its part is done', async () => {
    const id = await reported(true);
    expect((await reveal(w.otherUnit, id)).statusCode).toBe(404);
    await ok(app, w.unit, id, 'sign');
    await ok(app, w.unit, id, 'feedback', { note: '已修复' });
    expect((await view(w.unit, id)).json().data.reporter).toBeNull();
    expect((await reveal(w.unit, id)).statusCode).toBe(403);
    expect(await reveals(id)).toEqual([]);
  });

  it('leaves the reporter’s own view as it was', async () => {
    const id = await reported();
    const res = await view(w.resident, id);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ id, state: 'reported' });
    expect(res.json().data.trackingCode).toBeTruthy();
    expect((await reveal(w.resident, id)).statusCode).toBe(403);
  });
});
