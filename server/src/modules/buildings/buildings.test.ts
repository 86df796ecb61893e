import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, gridCentre, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let worker: string;
let otherWorker: string;
let leader: string;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  const grid = (i: number) => ({ orgNodeId: t.grids[i]!.id });
  worker = await loginAs(app, await createUserWith(db, 'grid_worker', grid(0), t.grids[0]!.code));
  otherWorker = await loginAs(app, await createUserWith(db, 'grid_worker', grid(1), t.grids[1]!.code));
  leader = await loginAs(
    app,
    await createUserWith(db, 'leader', { orgNodeId: t.district.id }, t.district.code),
  );
});
afterAll(() => app.close());

const send = (method: 'POST' | 'PUT', url: string, cookie: string, payload: object, lang = 'zh-CN') =>
  app.inject({ method, url, headers: { cookie, 'accept-language': lang }, payload });

describe('buildings and houses', () => {
  it('a grid worker adds a building in their grid and a flat to it, and sees both in the grid’s list', async () => {
    const made = await send('POST', '/api/buildings', worker, {
      name: '7号楼',
      address: '测试路7号楼',
      location: gridCentre(t, 0),
    });
    expect(made.statusCode, made.body).toBe(201);
    const { id, gridCode } = made.json().data;
    expect(gridCode).toBe(t.grids[0]!.code);
    const flat = await send('POST', `/api/buildings/${id}/houses`, worker, {
      unit: '2',
      floor: 3,
      room: '302',
      isRental: true,
    });
    expect(flat.statusCode, flat.body).toBe(201);
    // the same unit and room twice is the user's mistake, told in their language, and nothing changes
    const twice = await send(
      'POST',
      `/api/buildings/${id}/houses`,
      worker,
      { unit: '2', floor: 3, room: '302', isRental: false },
      'en-US',
    );
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toMatch(/^[\x20-\x7e]+$/);
    const list = await app.inject({ url: `/api/buildings?grid=${gridCode}`, headers: { cookie: worker } });
    expect(list.json().data).toContainEqual(
      expect.objectContaining({
        id,
        name: '7号楼',
        address: '测试路7号楼',
        houses: [
          { id: flat.json().data.id, unit: '2', floor: 3, room: '302', isRental: true, occupied: false },
        ],
      }),
    );
    const audit = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where entity = 'building' and entity_id = ${String(id)}`,
    );
    expect(audit!.n).toBe(1);
  });

  it('keeps a building in its grid and its address unique there, and out of other grids’ hands', async () => {
    const made = await send('POST', '/api/buildings', worker, {
      name: '8号楼',
      address: '测试路8号楼',
      location: gridCentre(t, 0),
    });
    const id = made.json().data.id;
    const moved = await send('PUT', `/api/buildings/${id}`, worker, {
      name: '8号楼',
      address: '测试路8号楼',
      location: gridCentre(t, 1),
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    const taken = await send('POST', '/api/buildings', worker, {
      name: '8号楼B',
      address: '测试路8号楼',
      location: gridCentre(t, 0),
    });
    expect(taken.statusCode).toBe(400);
    const renamed = await send('PUT', `/api/buildings/${id}`, worker, {
      name: '8号楼（东）',
      address: '测试路8号楼',
      location: gridCentre(t, 0),
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    // another grid's worker finds no such building; a leader sees the area but keeps no archive
    expect(
      (
        await send('PUT', `/api/buildings/${id}`, otherWorker, {
          name: 'x',
          address: 'x',
          location: gridCentre(t, 0),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await send('POST', `/api/buildings/${id}/houses`, leader, {
          unit: '',
          floor: null,
          room: '1',
          isRental: false,
        })
      ).statusCode,
    ).toBe(403);
    // nor can a worker put a building into a grid that is not theirs
    const foreign = await send('POST', '/api/buildings', worker, {
      name: '9号楼',
      address: '测试路9号楼',
      location: gridCentre(t, 1),
    });
    expect(foreign.statusCode).toBe(400);
    const name = await one<{ name: string }>(db, sql`select name from buildings where id = ${id}`);
    expect(name!.name).toBe('8号楼（东）');
  });
});
