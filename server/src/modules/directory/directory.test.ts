import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import {
  CELL,
  createTenant,
  createUserWith,
  gridCentre,
  loginAs,
  type Tenant,
} from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let community: string;
let admin: string;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  community = await loginAs(
    app,
    await createUserWith(db, 'community_staff', { orgNodeId: t.communities[0]!.id }, t.district.code),
  );
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code),
  );
});

const here = () => gridCentre(t, 0);
const entry = (name: string, kind: string, dx: number, extra: Record<string, unknown> = {}) => ({
  orgCode: t.communities[0]!.code,
  kind,
  name,
  address: `幸福路${name}`,
  lng: here().lng + dx,
  lat: here().lat,
  hours: '08:00-20:00',
  phone: '0394-8123456',
  description: '上门服务',
  ...extra,
});
const add = (cookie: string, payload: unknown) =>
  app.inject({ method: 'POST', url: '/api/directory', headers: { cookie }, payload: payload as object });
const near = (query: string) =>
  app.inject({ url: `/api/public/directory?lng=${here().lng}&lat=${here().lat}&${query}` });

describe('the 便民 directory', () => {
  beforeAll(async () => {
    for (const e of [
      entry('远处超市', 'shopping', 0.6 * CELL),
      entry('社区诊所', 'medical', 0.1 * CELL, { description: '全科门诊 儿科' }),
      entry('阿姨家政', 'housekeeping', 0.2 * CELL),
    ]) {
      const res = await add(community, e);
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it('shows residents the entries nearest first, with the business phone and no org code', async () => {
    const res = await near('radius=1000');
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().data.map((e: { name: string }) => e.name);
    expect(names.slice(0, 3)).toEqual(['社区诊所', '阿姨家政', '远处超市']);
    const first = res.json().data[0];
    expect(first).toMatchObject({
      kind: 'medical',
      phone: '0394-8123456',
      community: t.communities[0]!.name,
    });
    expect(first.distanceM).toBeGreaterThan(50);
    expect(first.distanceM).toBeLessThan(150);
    expect(res.body).not.toContain(t.communities[0]!.code);
    expect(res.json().kinds.map((k: { key: string }) => k.key)).toEqual([
      'housekeeping',
      'medical',
      'shopping',
      'jobs',
    ]);
  });

  it('finds entries by a word and by kind, and leaves out those beyond the radius', async () => {
    expect((await near('q=儿科')).json().data.map((e: { name: string }) => e.name)).toEqual(['社区诊所']);
    expect((await near('kind=housekeeping')).json().data.map((e: { name: string }) => e.name)).toEqual([
      '阿姨家政',
    ]);
    expect((await near('radius=300')).json().data.map((e: { name: string }) => e.name)).toEqual([
      '社区诊所',
      '阿姨家政',
    ]);
  });

  it('lets community staff manage only their own community, and takes only the district’s kinds', async () => {
    const other = await add(community, entry('隔壁药店', 'medical', 0, { orgCode: t.communities[1]!.code }));
    expect(other.statusCode).toBe(404);
    const badKind = await add(community, entry('培训班', 'training', 0));
    expect(badKind.statusCode).toBe(400);
    const kind = await app.inject({
      method: 'POST',
      url: '/api/directory/kinds',
      headers: { cookie: admin },
      payload: { key: 'training', zh: '技能培训', en: 'Training' },
    });
    expect(kind.statusCode, kind.body).toBe(201);
    expect((await add(community, entry('培训班', 'training', 0))).statusCode).toBe(201);
    const mine = (await app.inject({ url: '/api/directory', headers: { cookie: community } })).json().data;
    expect(mine.map((e: { name: string }) => e.name)).toContain('培训班');
    const id = mine.find((e: { name: string }) => e.name === '培训班').id;
    const edit = await app.inject({
      method: 'PUT',
      url: `/api/directory/${id}`,
      headers: { cookie: community },
      payload: entry('技能培训班', 'training', 0),
    });
    expect(edit.json().data.name).toBe('技能培训班');
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/directory/${id}`,
      headers: { cookie: community },
    });
    expect(del.statusCode).toBe(204);
    expect((await near('q=培训')).json().data).toEqual([]);
  });

  it('refuses bad input in the caller’s language and changes nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/directory',
      headers: { cookie: community, 'accept-language': 'en' },
      payload: entry('', 'shopping', 0),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});
