import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';
import { simulate } from './simulation.ts';
import { careWorld, enrolElders } from './test-fixtures.ts';

// On PostgreSQL (CI's integration run) the two sweeps run on two connections at once; PGlite has one.
const onPostgres = Boolean(process.env.DATABASE_URL);

describe('a simulated week with a test clock', () => {
  it('gives every lapse exactly one alert at the right time and every escalation on time, delivered', async () => {
    const db = (await testDatabase()).db;
    const w = await careWorld(db);
    const start = new Date('2026-10-12T00:00:00Z');
    const ids = await enrolElders(db, w, onPostgres ? 30 : 5, { from: start });
    const r = await simulate({
      db,
      cipher: testCipher(),
      actor: w.actor,
      orgCode: w.t.grids[0]!.code,
      personIds: ids,
      start,
      days: 7,
      tickMinutes: onPostgres ? 120 : 180,
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
