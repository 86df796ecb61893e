import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import type { Db } from '../../infra/db.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';
import { simulate } from './simulation.ts';
import { careWorld, enrolElders } from './test-fixtures.ts';

let db: Db;

beforeAll(async () => {
  db = (await testDatabase()).db;
});

describe('the care watch over random weeks (property)', () => {
  it('raises exactly one alert per lapse at the first tick after it, none without one, and escalates on time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const w = await careWorld(db);
        const start = new Date('2026-10-05T00:00:00Z');
        const ids = await enrolElders(db, w, 4, { from: start });
        const r = await simulate({
          db,
          cipher: testCipher(),
          actor: w.actor,
          orgCode: w.t.grids[0]!.code,
          personIds: ids,
          start,
          days: 3,
          tickMinutes: 120,
          seed,
        });
        console.log(
          `care property run (seed ${seed}):`,
          JSON.stringify({ ...r, mismatches: r.mismatches.length }),
        );
        expect(r.mismatches).toEqual([]);
        expect(r.alerts).toBe(r.lapses);
        expect(r.escalationsFired).toBe(r.escalationsExpected);
        expect(r.delivered).toBe(r.escalationsFired);
      }),
      { numRuns: 2 },
    );
  }, 240_000);
});
