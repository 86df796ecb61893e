import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, type Tenant } from '../../../test/factories.ts';
import { planOf } from '../../../test/plans.ts';
import { type Db, one } from '../../infra/db.ts';
import { caseKpis } from './kpis.ts';
import { periodOf } from './period.ts';
import { insertCase } from './test-fixtures.ts';

let db: Db;
let t: Tenant;
const at = (day: string) => `2024-06-${day}T10:00:00+08:00`;
// 1e-4° of latitude ≈ 11 m; the test categories keep the default duplicate radius of 50 m
const near = (lngLat: [number, number], metres: number): [number, number] => [
  lngLat[0],
  lngLat[1] + metres / 111_000,
];

beforeAll(async () => {
  db = (await testDatabase()).db;
  t = await createTenant(db);
  const a: [number, number] = [t.origin[0] + 0.002, t.origin[1] + 0.002];
  const b: [number, number] = [t.origin[0] + 0.006, t.origin[1] + 0.004];
  const c: [number, number] = [t.origin[0] + 0.004, t.origin[1] + 0.008];
  const closed = { state: 'closed', reportedAt: at('01'), closedAt: at('03') };
  // A: reported again 20 m away ten days after closing → recurred
  await insertCase(db, t, { ...closed, lngLat: a });
  await insertCase(db, t, { reportedAt: at('13'), lngLat: near(a, 20) });
  // B: the same category again, but 200 m away; and another category at the very spot → not recurred
  await insertCase(db, t, { ...closed, lngLat: b });
  await insertCase(db, t, { reportedAt: at('10'), lngLat: near(b, 200) });
  await insertCase(db, t, { reportedAt: at('10'), lngLat: b, category: '99.02' });
  // C: the same spot 40 days later (past the 30 days), and a rejected report within them → not recurred
  await insertCase(db, t, { ...closed, lngLat: c });
  await insertCase(db, t, { reportedAt: '2024-07-13T10:00:00+08:00', lngLat: c });
  await insertCase(db, t, { reportedAt: at('05'), lngLat: c, state: 'rejected' });
});

describe('复发率', () => {
  it('counts a closed case whose problem was reported again nearby within 30 days, and no other', async () => {
    const k = await caseKpis(
      db,
      { org: t.district.code },
      periodOf('2024-06-01', '2024-06-30'),
      new Date('2024-08-01T00:00:00Z'),
    );
    expect(k.rates.recurrenceRate).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
  });

  it('records the earliest report after a closing, whatever order the reports arrive in', async () => {
    const spot: [number, number] = [t.origin[0] + 0.009, t.origin[1] + 0.001];
    const closing = await insertCase(db, t, { state: 'closed', reportedAt: at('01'), closedAt: at('03') });
    await db.execute(
      sql`update cases set location = st_setsrid(st_makepoint(${spot[0]}::float8, ${spot[1]}::float8), 4326)
          where id = ${closing.id}`,
    );
    const recurred = async () =>
      (
        await one<{ at: string | null }>(
          db,
          sql`select recurred_at::text as at from cases where id = ${closing.id}`,
        )
      )?.at ?? null;
    // a later report first, then an earlier one (an import), then a later one again: the earliest stays
    await insertCase(db, t, { reportedAt: at('20'), lngLat: near(spot, 10) });
    expect(Date.parse((await recurred())!)).toBe(Date.parse(at('20')));
    await insertCase(db, t, { reportedAt: at('08'), lngLat: near(spot, 10) });
    expect(Date.parse((await recurred())!)).toBe(Date.parse(at('08')));
    await insertCase(db, t, { reportedAt: at('12'), lngLat: near(spot, 10) });
    expect(Date.parse((await recurred())!)).toBe(Date.parse(at('08')));
  });
});

describe('the recurrence key (migration 0164)', () => {
  // Whether the key of a case at (lngLat, time) lies in the box a probe from `from` would search: 50 m around
  // it, the 30 days before the 30th.
  const inBox = async (lngLat: [number, number], time: string, from: [number, number]) =>
    (
      await one<{ hit: boolean }>(
        db,
        sql`select recurrence_key(st_setsrid(st_point(${lngLat[0]}::float8, ${lngLat[1]}::float8), 4326), ${time}::timestamptz)
              &&& st_makeline(
                recurrence_key(st_setsrid(st_point(${from[0] - 50 / 92_000}::float8, ${from[1] - 50 / 111_000}::float8), 4326), ${at('30')}::timestamptz - interval '30 days'),
                recurrence_key(st_setsrid(st_point(${from[0] + 50 / 92_000}::float8, ${from[1] + 50 / 111_000}::float8), 4326), ${at('30')}::timestamptz)) as hit`,
      )
    )?.hit;

  it('keeps a probe’s box within metres and minutes of what it asks', async () => {
    const spot: [number, number] = [t.origin[0] + 0.011, t.origin[1] + 0.001];
    expect(await inBox(near(spot, 30), at('20'), spot)).toBe(true);
    expect(await inBox(spot, '2024-05-31T10:05:00+08:00', spot)).toBe(true);
    // 300 m east: the old key (x shifted 400° a category, a 4-byte float in the index) took a strip ≈ 3 km wide
    expect(await inBox([spot[0] + 300 / 92_000, spot[1]], at('20'), spot)).toBe(false);
    expect(await inBox([spot[0], spot[1] + 300 / 111_000], at('20'), spot)).toBe(false);
    // an hour before the window opens, and after it closes
    expect(await inBox(spot, '2024-05-31T09:00:00+08:00', spot)).toBe(false);
    expect(await inBox(spot, '2024-06-30T11:00:00+08:00', spot)).toBe(false);
  });

  it('is what a new report’s probe reads: the closings’ index on it', async () => {
    const plan = await planOf(
      db,
      sql`select * from recurrence_closings(
            st_setsrid(st_point(${t.origin[0]}::float8, ${t.origin[1]}::float8), 4326), '12.01', now())`,
    );
    expect(plan).toContain('cases_recurrence_key_closed');
  });
});
