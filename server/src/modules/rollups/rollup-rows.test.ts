import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { type Db, rows } from '../../infra/db.ts';
import { districtDaySql } from './rollup-rows.ts';

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});

/** Both day expressions for timestamps given as microseconds since the epoch. */
async function days(micros: bigint[]): Promise<{ fn: string | null; inline: string | null }[]> {
  const list = `{${micros.join(',')}}`;
  return rows(
    db,
    sql`select district_day(t)::text as fn, ${districtDaySql(sql`t`)}::text as inline
        from unnest(${list}::bigint[]) with ordinality u(us, i)
        cross join lateral (select to_timestamp(0) + u.us * interval '1 microsecond' as t) x order by u.i`,
  );
}

describe('the district day written out in the rollup rows', () => {
  it('is the day district_day() gives, to the microsecond around district midnights', async () => {
    // district midnights (16:00 UTC) of several years, before 1970 too, and the instants either side
    const midnights = ['1969-12-31', '2000-02-29', '2024-06-10', '2026-12-02', '2038-01-19'].map(
      (d) => BigInt(Date.parse(`${d}T16:00:00Z`)) * 1000n,
    );
    const around = midnights.flatMap((m) => [m - 1_000_000n, m - 1000n, m - 1n, m, m + 1n, m + 1000n]);
    const got = await days(around);
    for (const r of got) expect(r.inline).toBe(r.fn);
    // the step happens exactly at the district's midnight
    expect(got[2]!.fn).not.toBe(got[3]!.fn);
    expect(got[3]!.fn).toBe(got[4]!.fn);
  });

  it('agrees with district_day() on random instants and on null', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.bigInt({ min: -2_000_000_000_000_000n, max: 4_000_000_000_000_000n }), {
          minLength: 1,
          maxLength: 200,
        }),
        async (micros) => {
          for (const r of await days(micros)) expect(r.inline).toBe(r.fn);
        },
      ),
      { numRuns: 20 },
    );
    const none = await rows<{ fn: string | null; inline: string | null }>(
      db,
      sql`select district_day(null::timestamptz)::text as fn, ${districtDaySql(sql`null::timestamptz`)}::text as inline`,
    );
    expect(none[0]).toEqual({ fn: null, inline: null });
  });
});
