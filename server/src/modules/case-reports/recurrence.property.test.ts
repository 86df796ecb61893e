import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, type Tenant } from '../../../test/factories.ts';
import { type Db, rows } from '../../infra/db.ts';
import { insertCase } from './test-fixtures.ts';

let db: Db;
let t: Tenant;
let run = 0;

beforeAll(async () => {
  db = (await testDatabase()).db;
  t = await createTenant(db);
});

const day = (d: number) => new Date(Date.UTC(2024, 5, 1, 2) + d * 86_400_000).toISOString();
// three spots: two 20 m apart (within the 50 m radius), one 200 m away
const SPOTS: [number, number][] = [
  [0, 0],
  [0, 20 / 111_000],
  [0, 200 / 111_000],
];

const seedArb = fc.record({
  spot: fc.integer({ min: 0, max: 2 }),
  category: fc.constantFrom('99.01', '99.02'),
  reported: fc.integer({ min: 0, max: 60 }),
  closedAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
  rejected: fc.boolean(),
});
const opArb = fc.record({
  kind: fc.constantFrom('reject', 'reopen', 'close', 'move'),
  target: fc.nat(),
  value: fc.integer({ min: 0, max: 60 }),
});

/**
 * The definition of docs/kpis.md computed by brute force (no index, no recorded column): for a closed case,
 * the reporting time of the earliest report that makes it a recurrence (null: none), as epoch ms.
 */
async function rawRecurred(ids: number[]): Promise<Map<number, number | null>> {
  const found = await rows<{ id: number; at: string | null }>(
    db,
    sql`select c.id, case when c.state = 'closed' then (select min(r.reported_at) from cases r join categories k on k.code = c.category_code
          where r.id = any (${`{${ids.join(',')}}`}::int[]) and r.id <> c.id and r.state <> 'rejected' and r.location is not null
            and c.location is not null and r.category_code = c.category_code
            and r.reported_at > c.closed_at and r.reported_at <= c.closed_at + interval '30 days'
            and st_dwithin(r.location::geography, c.location::geography, k.duplicate_radius_m)) end::text as at
        from cases c where c.id = any (${`{${ids.join(',')}}`}::int[])`,
  );
  return new Map(found.map((r) => [r.id, r.at === null ? null : Date.parse(r.at)]));
}

async function recorded(ids: number[]): Promise<Map<number, number | null>> {
  const found = await rows<{ id: number; at: string | null }>(
    db,
    sql`select id, case when state = 'closed' then recurred_at end::text as at from cases where id = any (${`{${ids.join(',')}}`}::int[])`,
  );
  return new Map(found.map((r) => [r.id, r.at === null ? null : Date.parse(r.at)]));
}

describe('复发 recorded by migration 0090', () => {
  it('equals the definition after any sequence of reports, rejections, reopenings, closings and moves', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(seedArb, { minLength: 2, maxLength: 9 }),
        fc.array(opArb, { maxLength: 6 }),
        async (seeds, ops) => {
          // each run at a place of its own, 0.01° (≈ 1 km) east of the last
          const base: [number, number] = [t.origin[0] + 0.01 * run, t.origin[1] + 0.003];
          run += 1;
          const at = (spot: number): [number, number] => [
            base[0] + SPOTS[spot]![0],
            base[1] + SPOTS[spot]![1],
          ];
          const ids: number[] = [];
          for (const s of seeds) {
            const closed = s.closedAfter !== null && !s.rejected;
            const c = await insertCase(db, t, {
              lngLat: at(s.spot),
              category: s.category,
              reportedAt: day(s.reported),
              state: s.rejected ? 'rejected' : closed ? 'closed' : 'dispatched',
              closedAt: closed ? day(s.reported + (s.closedAfter ?? 0)) : null,
            });
            ids.push(c.id);
          }
          for (const op of ops) {
            const id = ids[op.target % ids.length]!;
            if (op.kind === 'reject')
              await db.execute(sql`update cases set state = 'rejected', closed_at = null where id = ${id}`);
            if (op.kind === 'reopen')
              await db.execute(
                sql`update cases set state = 'dispatched', closed_at = null, reopen_count = reopen_count + 1 where id = ${id} and state = 'closed'`,
              );
            if (op.kind === 'close')
              await db.execute(
                sql`update cases set state = 'closed', closed_at = greatest(reported_at, ${day(op.value)}::timestamptz) where id = ${id} and state <> 'rejected'`,
              );
            if (op.kind === 'move') {
              const [lng, lat] = at(op.value % 3);
              await db.execute(
                sql`update cases set location = st_setsrid(st_makepoint(${lng}::float8, ${lat}::float8), 4326) where id = ${id}`,
              );
            }
          }
          expect(await recorded(ids)).toEqual(await rawRecurred(ids));
        },
      ),
      { numRuns: 25 },
    );
  });
});
