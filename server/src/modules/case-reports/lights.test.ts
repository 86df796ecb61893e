import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, type Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { loadGrants } from '../auth/actor.ts';
import { Deadlines } from '../cases/deadlines.ts';
import { lightOf } from './lights.ts';
import { casesMap } from './map.ts';
import { listCases } from './queries.ts';
import { insertCase } from './test-fixtures.ts';

let db: Db;
let t: Tenant;
let actor: Actor;
let id: number;

// A stage from Tuesday 17:00 to Wednesday 10:00 (14–15 May 2024, working days; hours 08:30–12:00, 13:30–17:30).
// At Wednesday 08:40 wall-clock time says 92 % used (yellow); working time says 40 of 120 minutes (green).
const start = new Date('2024-05-14T17:00:00+08:00');
const deadline = new Date('2024-05-15T10:00:00+08:00');
const now = new Date('2024-05-15T08:40:00+08:00');

beforeAll(async () => {
  db = (await testDatabase()).db;
  t = await createTenant(db);
  const user = await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code);
  actor = {
    userId: user.id,
    username: user.username,
    displayName: 'admin',
    locale: 'zh-CN',
    sessionId: 'test',
    sessionKind: 'cookie',
    grants: await loadGrants(db, user.id),
  };
  const c = await insertCase(db, t, {
    state: 'dispatched',
    lngLat: [t.origin[0] + 0.005, t.origin[1] + 0.005],
    reportedAt: start,
    stage: 'sign',
    stageStartedAt: start,
    stageDeadlineAt: deadline,
  });
  id = c.id;
});

describe('the traffic light: one definition, in working time', () => {
  it('gives the list, its filter and the map the light the case page shows, across a night', async () => {
    const deadlines = await Deadlines.load(db);
    const page = lightOf(
      deadlines,
      { state: 'dispatched', stageStartedAt: start, stageDeadlineAt: deadline },
      now,
    );
    expect(page).toBe('green');
    const opts = { sort: 'reported_at' as const, order: 'desc' as const, cursor: null, limit: 10, now };
    const listed = await listCases(db, actor, { org: [t.district.code] }, opts);
    expect(listed.data.map((r) => [r.id, r.light])).toEqual([[id, 'green']]);
    const green = await listCases(db, actor, { org: [t.district.code], light: ['green'] }, opts);
    expect(green.data.map((r) => r.id)).toEqual([id]);
    const yellow = await listCases(db, actor, { org: [t.district.code], light: ['yellow'] }, opts);
    expect(yellow.data).toEqual([]);
    const map = await casesMap(
      db,
      actor,
      { org: [t.district.code] },
      {
        bbox: [t.origin[0], t.origin[1], t.origin[0] + 0.05, t.origin[1] + 0.05],
        zoom: 16,
        now,
      },
    );
    expect(map.features.map((f) => f.properties)).toEqual([
      { id, state: 'dispatched', categoryCode: '99.01', light: 'green' },
    ]);
  });

  it('turns yellow at 80 % of the working time and red after the deadline', async () => {
    const opts = { sort: 'reported_at' as const, order: 'desc' as const, cursor: null, limit: 10 };
    // 96 of 120 working minutes are used at 09:36
    const at936 = new Date('2024-05-15T09:36:00+08:00');
    const yellow = await listCases(
      db,
      actor,
      { org: [t.district.code], light: ['yellow'] },
      { ...opts, now: at936 },
    );
    expect(yellow.data.map((r) => [r.id, r.light])).toEqual([[id, 'yellow']]);
    const late = new Date('2024-05-15T10:01:00+08:00');
    const red = await listCases(
      db,
      actor,
      { org: [t.district.code], light: ['red'] },
      { ...opts, now: late },
    );
    expect(red.data.map((r) => [r.id, r.light])).toEqual([[id, 'red']]);
  });
});
