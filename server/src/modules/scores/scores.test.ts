import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { insertCase } from '../case-reports/test-fixtures.ts';
import { evaluateWeek } from './commands/evaluate-week.ts';
import { DEFAULT_SCORE_SETTINGS } from './formulas.ts';
import { computeRanking } from './rankings.ts';
import { weekPeriod } from './weeks.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let admin: string;
const WEEK = '2024-03-04';
const at = (day: string, hour = 10) => `2024-03-${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;

/**
 * Street 1: ten cases closed on time and rated satisfied → every area term perfect → 100.
 * Street 2: ten cases, five closed on time but rated dissatisfied, five still open past their deadline; all
 * first reported by residents (漏报) → 100 × (0.35 × 5/10 + 0.2 × 5/10 + 0.15 × 0 + 0.15 × 0/5 + 0.15 × 1) = 42.5.
 */
beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code),
  );
  const closed = {
    state: 'closed',
    unitId: t.unitId,
    cValid: 1,
    reportedAt: at('04'),
    dispatchedAt: at('04', 11),
    deadlineAt: at('06'),
    disposedAt: at('05'),
    cDisposed: 1,
    cIntimeDispose: 1,
    closedAt: at('05', 15),
    cIntimeClose: 1,
    cChecked: 1,
    ratedAt: at('05', 16),
  };
  for (let i = 0; i < 10; i++) await insertCase(db, t, { ...closed, grid: 0, rating: 'satisfied' });
  for (let i = 0; i < 5; i++)
    await insertCase(db, t, { ...closed, grid: 4, source: 'resident', rating: 'dissatisfied' });
  for (let i = 0; i < 5; i++)
    await insertCase(db, t, {
      state: 'dispatched',
      grid: 4,
      source: 'resident',
      unitId: t.unitId,
      cValid: 1,
      reportedAt: at('04'),
      dispatchedAt: at('04', 11),
      deadlineAt: at('06'),
    });
});

describe('scores and rankings', () => {
  it('scores streets with the area formula against hand-computed values', async () => {
    const entries = await computeRanking(db, {
      level: 'street',
      org: t.district.code,
      period: weekPeriod(WEEK),
      settings: DEFAULT_SCORE_SETTINGS,
    });
    expect(entries.map((e) => [e.key, e.score, e.grade, e.rank, e.volume])).toEqual([
      [t.streets[0]!.code, 100, 'A', 1, 10],
      [t.streets[1]!.code, 42.5, 'D', 2, 10],
    ]);
    // two streets: too few for the 10 % flags; a score below 60 is a black flag at any size
    expect(entries.map((e) => e.flag)).toEqual([null, 'black']);
    expect(entries[1]!.reasons).toEqual(['below60']);
  });

  it('evaluates a week exactly once and keeps it unchanged when the data later changes', async () => {
    const [a, b] = await Promise.all([
      evaluateWeek(db, t.district.code, WEEK),
      evaluateWeek(db, t.district.code, WEEK),
    ]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.weekId).toBe(b.weekId);
    const read = async () =>
      (
        await app.inject({
          url: `/api/scores/rankings?level=street&org=${t.district.code}&week=${WEEK}`,
          headers: { cookie: admin },
        })
      ).json().data;
    const before = await read();
    expect(before).toMatchObject({
      stored: true,
      window: { from: '2024-03-04', to: '2024-03-10' },
      minCases: 10,
      weekStart: WEEK,
    });
    expect(before.entries.map((e: { score: number; flag: string | null }) => [e.score, e.flag])).toEqual([
      [100, null],
      [42.5, 'black'],
    ]);
    // a late closing of street 2's open cases does not move the stored week
    await db.execute(
      sql`update cases set state = 'closed', closed_at = ${at('08')}::timestamptz,
        c_intime_close = 0 where org_code like ${`${t.streets[1]!.code}%`} and state = 'dispatched'`,
    );
    expect(await read()).toEqual(before);
    // and the stored rows refuse to be edited
    await expect(
      db.execute(sql`update score_entries set score = 99 where week_id = ${a.weekId}`),
    ).rejects.toThrow(/immutable/);
    const flags = await app.inject({
      url: `/api/scores/flags?level=street&org=${t.district.code}`,
      headers: { cookie: admin },
    });
    expect(flags.json().data).toEqual([
      expect.objectContaining({ weekStart: WEEK, key: t.streets[1]!.code, flag: 'black', score: 42.5 }),
    ]);
  });

  it('prints the window and minimum on a live ranking and refuses weights that do not add up to 1', async () => {
    const live = await app.inject({
      url: `/api/scores/rankings?level=unit&org=${t.district.code}&from=2024-03-04&to=2024-03-10`,
      headers: { cookie: admin },
    });
    expect(live.json().data).toMatchObject({
      stored: false,
      window: { from: '2024-03-04', to: '2024-03-10' },
    });
    // the unit holds all 20 cases: 15 disposed on time of 20 due; 15 checked without rework
    // 100 × (0.6 × 15/20 + 0.3 × 15/20 + 0.1 × 1) = 77.5
    expect(live.json().data.entries).toEqual([
      expect.objectContaining({ key: String(t.unitId), score: 77.5, grade: 'B', rank: 1, volume: 20 }),
    ]);
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/scores/settings',
      headers: { cookie: admin },
      payload: { ...DEFAULT_SCORE_SETTINGS, unit: [{ rate: 'disposeRate', weight: 0.5, invert: false }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('SCORE_WEIGHTS_SUM');
  });
});
