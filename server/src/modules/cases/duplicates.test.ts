import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, report, STREETLIGHT } from '../../../test/case-helpers.ts';
import { testApp, testConfig, testDatabase } from '../../../test/database.ts';
import { createTenant, gridCentre } from '../../../test/factories.ts';
import { indexCondition, planOf } from '../../../test/plans.ts';
import { expectCellsOncePerProbe, insertSpreadCases } from '../case-reports/test-fixtures.ts';
import { FollowHandles } from '../follows/handles.ts';
import { duplicatesSql } from './duplicates.ts';

let app: FastifyInstance;
let w: CaseWorld;
const handles = new FollowHandles(testConfig().secretKey);

beforeAll(async () => {
  app = await testApp();
  w = await caseWorld(app, (await testDatabase()).db);
});

/** GET /api/cases/duplicates for a street light near grid i's centre, as a cookie or anonymously. */
const near = async (i: number, cookie: string | null = null) => {
  const p = gridCentre(w.t, i);
  const res = await app.inject({
    url: `/api/cases/duplicates?category=${STREETLIGHT}&lat=${p.lat + 0.0001}&lng=${p.lng}`,
    headers: cookie ? { cookie } : {},
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Record<string, unknown>[];
};

/** The open cases' index takes the category, one cell and the window; no filter computes the cells per entry. */
function expectCellProbe(plan: string): void {
  expect(indexCondition(plan, 'cases_open_cell'), plan).toMatch(
    /Index Cond: \(\(category_code = .*\+ 100000\) = cell\.n\) AND \(reported_at > /,
  );
  expectCellsOncePerProbe(plan);
}

describe('duplicate suggestions', () => {
  it('shows an anonymous resident the category, distance, state and summary with a handle, never an id or a code', async () => {
    const first = (
      await report(app, w, null, { location: gridCentre(w.t, 1), description: '路灯不亮，整条巷子漆黑一片' })
    ).json().data;
    const list = await near(1);
    expect(list).toHaveLength(1);
    const [s] = list;
    expect(Object.keys(s!).sort()).toEqual([
      'category',
      'distanceM',
      'handle',
      'reportedAt',
      'state',
      'summary',
    ]);
    expect(s).toMatchObject({
      category: { code: STREETLIGHT, nameZh: '路灯不亮' },
      state: 'reported',
      summary: '路灯不亮，整条巷子漆黑一片',
      handle: handles.handleOf(first.id),
    });
    expect(s!.distanceM).toBeGreaterThan(5);
    expect(s!.distanceM).toBeLessThan(20);
    const text = JSON.stringify(list);
    expect(text).not.toContain(first.trackingCode);
    expect(text).not.toContain(`"id"`);
    expect(text).not.toContain(`:${first.id},`);
  });

  it('answers a report with the same kind of suggestions: its own code and id, none of the others’', async () => {
    const p = gridCentre(w.t, 2);
    const first = (await report(app, w, null, { location: p })).json().data;
    const second = (await report(app, w, null, { location: { lng: p.lng, lat: p.lat + 0.0002 } })).json()
      .data;
    expect(second.trackingCode).toMatch(/^CG\d{4}-[0-9A-Z]{6}$/);
    expect(second.duplicates).toEqual([
      expect.objectContaining({ handle: handles.handleOf(first.id), state: 'reported' }),
    ]);
    expect(JSON.stringify(second.duplicates)).not.toContain(first.trackingCode);
    expect(second.duplicates[0]).not.toHaveProperty('id');
    expect(second.duplicates[0]).not.toHaveProperty('trackingCode');
  });

  it('never suggests cases from internal sources (暗访, 督查 …) to residents; staff see those of their own area', async () => {
    const undercover = await report(app, w, w.leader, { source: 'undercover', location: gridCentre(w.t, 4) });
    expect(undercover.statusCode).toBe(201);
    expect(await near(4)).toEqual([]);
    expect(await near(4, w.resident)).toEqual([]);
    // staff of the area are told of it, with no handle: an internal case has no public view to follow
    const shown = await near(4, w.dispatcher);
    expect(shown.map((s) => s.handle)).toEqual([null]);
    expect(shown[0]!.summary).toBe('小区门口路灯不亮，晚上很黑');
    // grid 4 lies in the other street: not in the community's or the grid worker's area, nor the unit's
    for (const cookie of [w.community, w.gridWorker, w.unit]) expect(await near(4, cookie)).toEqual([]);
    const byResident = (await report(app, w, w.resident, { location: gridCentre(w.t, 4) })).json().data;
    expect(byResident.duplicates).toEqual([]);
    const byStaff = (
      await report(app, w, w.dispatcher, { source: 'hotline', location: gridCentre(w.t, 4) })
    ).json().data;
    expect(byStaff.duplicates.map((s: { handle: string | null }) => s.handle)).toContain(null);
  });

  // a young district's table first (a few cases): where 0165's `= any(cells)` was left as a filter that computed
  // the cells again for every entry of the window (migration 0166)
  it('probes the open cases one cell at a time on a young table', async () => {
    const p = gridCentre(w.t, 1);
    const db = (await testDatabase()).db;
    const plan = await planOf(
      db,
      duplicatesSql({ categoryCode: STREETLIGHT, lng: p.lng, lat: p.lat, radiusM: 50, internalScopes: [] }),
    );
    // which index a table of a few cases is read through does not matter; computing the cells per entry would
    expectCellsOncePerProbe(plan);
  });

  it('reads only the open cases of the category from the table: the index holds the category and the place', async () => {
    const db = (await testDatabase()).db;
    // a year of cases up to now, so that the duplicate window (the last 7 days) is as full as a district's
    await insertSpreadCases(
      db,
      await createTenant(db),
      6000,
      new Date(Date.now() - 360 * 86_400_000).toISOString(),
    );
    const p = gridCentre(w.t, 1);
    const plan = await planOf(
      db,
      duplicatesSql({ categoryCode: STREETLIGHT, lng: p.lng, lat: p.lat, radiusM: 50, internalScopes: [] }),
    );
    expectCellProbe(plan);
  });
});
