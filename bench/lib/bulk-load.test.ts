import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Db, one, rows } from '../../server/src/infra/db.ts';
import { insertCase } from '../../server/src/modules/case-reports/test-fixtures.ts';
import { testDatabase } from '../../server/test/database.ts';
import { createTenant, type Tenant } from '../../server/test/factories.ts';
import { recordChunkRecurrence } from './bulk-load.ts';

let db: Db;
let t: Tenant;
let run = 0;

beforeAll(async () => {
  db = (await testDatabase()).db;
  t = await createTenant(db);
});

// 2019: a year no other test writes cases in, so no one else's report can recur these closings
const day = (d: number) => new Date(Date.UTC(2019, 2, 1, 2) + d * 86_400_000).toISOString();
// three spots: two 20 m apart (within the 50 m radius), one 200 m away
const SPOTS: [number, number][] = [
  [0, 0],
  [0, 20 / 111_000],
  [0, 200 / 111_000],
];

const seedArb = fc.record({
  spot: fc.integer({ min: 0, max: 2 }),
  category: fc.constantFrom('99.01', '99.02'),
  reported: fc.integer({ min: 0, max: 90 }),
  closedAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
  rejected: fc.boolean(),
});
type Seed = typeof seedArb extends fc.Arbitrary<infer S> ? S : never;

async function insertSeed(tx: Db, s: Seed, base: [number, number]): Promise<number> {
  const closed = s.closedAfter !== null && !s.rejected;
  const c = await insertCase(tx, t, {
    lngLat: [base[0] + SPOTS[s.spot]![0], base[1] + SPOTS[s.spot]![1]],
    category: s.category,
    reportedAt: day(s.reported),
    state: s.rejected ? 'rejected' : closed ? 'closed' : 'dispatched',
    closedAt: closed ? day(s.reported + (s.closedAfter ?? 0)) : null,
  });
  return c.id;
}

async function recurredAt(ids: number[]): Promise<(string | null)[]> {
  const found = await rows<{ id: number; at: string | null }>(
    db,
    sql`select id, recurred_at::text as at from cases where id = any (${`{${ids.join(',')}}`}::int[])`,
  );
  const by = new Map(found.map((r) => [r.id, r.at]));
  return ids.map((id) => by.get(id) ?? null);
}

describe('the bulk load records recurrences as the production triggers do', () => {
  it('gives every case of a random history, loaded in two chunks with the triggers off, the same recurred_at', async () => {
    let recurrences = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(seedArb, { minLength: 2, maxLength: 14 }), fc.nat(), async (seeds, cut) => {
        // each run at two places of its own, ≈ 1 km east of the last run's and ≈ 500 m from each other
        const here: [number, number] = [t.origin[0] + 0.01 * run, t.origin[1] + 0.003];
        const there: [number, number] = [here[0] + 0.005, here[1]];
        run += 1;
        // the production path: one insert per case, the triggers of migrations 0090/0093 on
        const expected: number[] = [];
        for (const s of seeds) expected.push(await insertSeed(db, s, here));
        // the bulk path: the same history elsewhere, in two chunks, triggers off, one statement per chunk
        const loaded = await db.transaction(async (tx) => {
          await tx.execute(sql`set local session_replication_role = replica`);
          const ids: number[] = [];
          const split = cut % (seeds.length + 1);
          for (const chunk of [seeds.slice(0, split), seeds.slice(split)]) {
            const before =
              (await one<{ id: number }>(tx, sql`select coalesce(max(id), 0) as id from cases`))?.id ?? 0;
            for (const s of chunk) ids.push(await insertSeed(tx, s, there));
            if (chunk.length) await recordChunkRecurrence(tx, before);
          }
          return ids;
        });
        const want = await recurredAt(expected);
        recurrences += want.filter((a) => a !== null).length;
        expect(await recurredAt(loaded)).toEqual(want);
      }),
      { numRuns: 40 },
    );
    // the histories are dense enough that the comparison is about recurrences, not only about nulls
    expect(recurrences).toBeGreaterThan(10);
  });
});
