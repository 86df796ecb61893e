import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { one } from '../../infra/db.ts';
import { createHousehold } from '../visits/test-fixtures.ts';
import { makeVolunteer } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let community: string;
let otherCommunity: string;
let street: string;
let personId: number;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  const as = async (role: 'community_staff' | 'street_staff', nodeId: number) =>
    loginAs(app, await createUserWith(db, role, { orgNodeId: nodeId }, t.district.code));
  community = await as('community_staff', t.communities[0]!.id);
  otherCommunity = await as('community_staff', t.communities[1]!.id);
  street = await as('street_staff', t.streets[0]!.id);
  const h = await createHousehold(db, t.grids[0]!.id, {
    building: '1号楼',
    address: '文明路1号',
    residents: [{ name: '刘德明', birthDate: '1952-03-04', gender: 'M' }],
  });
  personId = (await one<{ id: number }>(db, sql`select id from persons where household_id = ${h.id}`))!.id;
});

const call = (cookie: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

describe('the volunteer archive', () => {
  it('takes a person of the archive through the lifecycle with its history, honours and a login', async () => {
    const c1 = t.communities[0]!.code;
    const made = await call(community, 'POST', '/api/volunteers', {
      personId,
      orgCode: c1,
      categoryCode: 'five_elders',
    });
    expect(made.statusCode, made.body).toBe(201);
    const v = made.json().data;
    expect(v).toMatchObject({ name: '刘*明', stage: 'recommended', points: 0, hasLogin: false });
    expect(made.body).not.toContain('刘德明');
    const again = await call(community, 'POST', '/api/volunteers', {
      personId,
      orgCode: c1,
      categoryCode: 'care',
    });
    expect(again.statusCode).toBe(409);

    // a step cannot be skipped: recommended → trained is refused, nothing changes
    const skip = await call(community, 'POST', `/api/volunteers/${v.id}/stage`, { stage: 'trained' });
    expect(skip.statusCode).toBe(409);
    for (const stage of ['selected', 'trained', 'active']) {
      const res = await call(community, 'POST', `/api/volunteers/${v.id}/stage`, {
        stage,
        note: `${stage} 说明`,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const honour = await call(community, 'POST', `/api/volunteers/${v.id}/honours`, {
      kind: 'good_person',
      level: 'district',
      awardedOn: '2026-03-05',
    });
    expect(honour.statusCode, honour.body).toBe(201);
    const login = await call(community, 'POST', `/api/volunteers/${v.id}/account`, {
      username: `vol_${v.id}_${Date.now()}`,
      password: 'volunteer-pass-1',
    });
    expect(login.statusCode, login.body).toBe(201);
    expect(login.json().data.hasLogin).toBe(true);

    const detail = await call(community, 'GET', `/api/volunteers/${v.id}`);
    expect(detail.statusCode).toBe(200);
    const d = detail.json();
    expect(d.data.stages.map((s: { toStage: string }) => s.toStage)).toEqual([
      'recommended',
      'selected',
      'trained',
      'active',
    ]);
    expect(d.data.honours).toMatchObject([
      { kind: 'good_person', level: 'district', awardedOn: '2026-03-05' },
    ]);
    expect(d.abilities).toEqual(['manage']);
  });

  it('shows a community only its own volunteers; the street sees both of its communities', async () => {
    const own = await makeVolunteer(db, t.grids[0]!, t.communities[0]!.code);
    const other = await makeVolunteer(db, t.grids[2]!, t.communities[1]!.code);
    const ids = async (cookie: string) =>
      (await call(cookie, 'GET', '/api/volunteers?limit=500')).json().data.map((v: { id: number }) => v.id);
    expect(await ids(community)).toContain(own.id);
    expect(await ids(community)).not.toContain(other.id);
    expect(await ids(street)).toEqual(expect.arrayContaining([own.id, other.id]));
    expect((await call(otherCommunity, 'GET', `/api/volunteers/${own.id}`)).statusCode).toBe(404);
    const move = await call(otherCommunity, 'POST', `/api/volunteers/${own.id}/stage`, { stage: 'retired' });
    expect(move.statusCode).toBe(404);
    // a person of another community cannot be enrolled into one's own
    const foreign = await call(community, 'POST', '/api/volunteers', {
      personId: other.personId,
      orgCode: t.communities[0]!.code,
      categoryCode: 'care',
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('counts volunteers, ambassadors and teams per node', async () => {
    const team = await call(street, 'POST', '/api/volunteers/teams', {
      orgCode: t.communities[1]!.code,
      name: '红马甲服务队',
    });
    expect(team.statusCode, team.body).toBe(201);
    const stats = await call(street, 'GET', `/api/volunteers/stats?org=${t.streets[0]!.code}`);
    expect(stats.statusCode).toBe(200);
    const [total, c1, c2] = stats.json().data;
    expect(total.code).toBe(t.streets[0]!.code);
    expect(total.volunteers).toBe(c1.volunteers + c2.volunteers);
    expect(total.ambassadors).toBeGreaterThanOrEqual(2);
    expect(c2.teams).toBe(1);
  });
});
