import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';
import { simulate } from './simulation.ts';
import { careWorld, enrolElders } from './test-fixtures.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

// The week runs on PostgreSQL (CI's integration run, two sweeps on two connections at once); on PGlite the
// property test (simulation.property.test.ts) covers the same rules over shorter random stretches.
describe.skipIf(!onPostgres)('a simulated week with a test clock', () => {
  it('gives every lapse exactly one alert at the right time and every escalation on time, delivered', async () => {
    const db = (await testDatabase()).db;
    const w = await careWorld(db);
    const start = new Date('2026-10-12T00:00:00Z');
    const ids = await enrolElders(db, w, 30, { from: start });
    const r = await simulate({
      db,
      cipher: testCipher(),
      actor: w.actor,
      orgCode: w.t.grids[0]!.code,
      personIds: ids,
      start,
      days: 7,
      tickMinutes: 120,
      seed: 20261212,
    });
    console.log('care simulated week:', JSON.stringify({ ...r, mismatches: r.mismatches.length }));
    expect(r.mismatches).toEqual([]);
    expect(r.lapses).toBeGreaterThan(0);
    expect(r.alerts).toBe(r.lapses);
    expect(r.escalationsExpected).toBeGreaterThan(0);
    expect(r.escalationsFired).toBe(r.escalationsExpected);
    expect(r.delivered).toBe(r.escalationsFired);
  }, 240_000);
});
