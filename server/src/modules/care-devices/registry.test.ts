import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/database.ts';
import { one } from '../../infra/db.ts';
import { createHousehold } from '../visits/test-fixtures.ts';
import { type DeviceWorld, deviceWorld } from './test-fixtures.ts';

let app: FastifyInstance;
let w: DeviceWorld;

beforeAll(async () => {
  app = await testApp();
  w = await deviceWorld(app);
});
afterAll(() => app.close());

/** Registers a reference with the world's device as community 1's office. */
const postRef = (payload: { ref: string; personId: number | undefined }) =>
  app.inject({ method: 'POST', url: `/api/care-devices/${w.device.id}/refs`, headers: w.office, payload });

describe('device registry', () => {
  it('shows the key once at creation, keeps it sealed, and never answers it again', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/care-devices',
      headers: w.office,
      payload: {
        kind: 'water_meter',
        name: '3号楼水表',
        org: w.tenant.grids[0]!.code,
        location: '3号楼一单元',
        owner: '自来水公司',
        lng: w.tenant.origin[0] + 0.005,
        lat: w.tenant.origin[1] + 0.005,
      },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json().data;
    expect(created.key).toMatch(/^cgdk_/);
    const stored = await one<{ k: string }>(
      w.db,
      sql`select key_enc as k from care_devices where id = ${created.id}`,
    );
    expect(stored!.k.startsWith('v2.')).toBe(true);
    expect(stored!.k).not.toContain(created.key);
    const shown = await app.inject({ url: `/api/care-devices/${created.id}`, headers: w.office });
    expect(shown.body).not.toContain(created.key);
    const list = await app.inject({ url: '/api/care-devices', headers: w.office });
    expect(list.body).not.toContain(created.key);
    expect(list.json().data.find((d: { id: number }) => d.id === created.id)).toMatchObject({
      kind: 'water_meter',
      health: 'ok',
      owner: '自来水公司',
    });
    const audit = await one<{ after: unknown }>(
      w.db,
      sql`select after from audit_log where action = 'care_device.register' and entity_id = ${String(created.id)}`,
    );
    expect(JSON.stringify(audit!.after)).not.toContain(created.key);
  });

  it('keeps each community to its own devices', async () => {
    const other = await app.inject({ url: `/api/care-devices/${w.device.id}`, headers: w.otherOffice });
    expect(other.statusCode).toBe(404);
    const list = await app.inject({ url: '/api/care-devices', headers: w.otherOffice });
    expect(list.json().data.map((d: { id: number }) => d.id)).not.toContain(w.device.id);
    const create = await app.inject({
      method: 'POST',
      url: '/api/care-devices',
      headers: w.otherOffice,
      payload: { kind: 'gate', name: '越界门禁', org: w.tenant.communities[0]!.code },
    });
    expect(create.statusCode).toBe(404);
  });

  it('edits and retires a device; a retired one is listed as retired', async () => {
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/care-devices/${w.device.id}`,
      headers: w.office,
      payload: { name: '2号楼北门禁', heartbeatSeconds: 600 },
    });
    expect(edit.json().data).toMatchObject({ name: '2号楼北门禁', heartbeatSeconds: 600 });
    const res = await app.inject({
      method: 'POST',
      url: '/api/care-devices',
      headers: w.office,
      payload: { kind: 'smart_plug', name: '智能插座', org: w.tenant.communities[0]!.code },
    });
    const id = res.json().data.id;
    const retired = await app.inject({
      method: 'POST',
      url: `/api/care-devices/${id}/retire`,
      headers: w.office,
    });
    expect(retired.json().data.health).toBe('retired');
  });
});

describe('person references', () => {
  it('lists a device’s references with person ids and no names', async () => {
    const res = await app.inject({ url: `/api/care-devices/${w.device.id}/refs`, headers: w.office });
    expect(res.json().data.map((r: { ref: string; personId: number }) => [r.ref, r.personId])).toEqual([
      ['A1', w.persons[0]],
      ['A2', w.persons[1]],
    ]);
    expect(res.body).not.toContain('赵');
  });

  it('refuses a reference taken, a person of another community, and a reference that is not a token', async () => {
    const taken = await postRef({ ref: 'A1', personId: w.persons[1] });
    expect(taken.statusCode).toBe(409);
    const name = await postRef({ ref: '赵桂兰', personId: w.persons[0] });
    expect(name.statusCode).toBe(400);
    // a resident of community 2, which the office of community 1 cannot see
    const h = await createHousehold(w.db, w.tenant.grids[2]!.id, {
      building: '9号楼',
      address: '测试路9号楼101室',
      residents: [{ name: '孙玉珍', birthDate: '1936-02-02' }],
    });
    const stranger = await one<{ id: number }>(
      w.db,
      sql`select id from persons where household_id = ${h.id}`,
    );
    const foreign = await postRef({ ref: 'B1', personId: stranger!.id });
    expect(foreign.statusCode).toBe(404);
  });

  it('removes a reference', async () => {
    const add = await postRef({ ref: 'TMP1', personId: w.persons[0] });
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/care-devices/${w.device.id}/refs/${add.json().data.id}`,
      headers: w.office,
    });
    expect(del.statusCode).toBe(200);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/care-devices/${w.device.id}/refs/${add.json().data.id}`,
      headers: w.office,
    });
    expect(again.statusCode).toBe(404);
  });
});
