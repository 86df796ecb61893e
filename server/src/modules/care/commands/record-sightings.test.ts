import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/database.ts';
import { createTenant, createUserWith } from '../../../../test/factories.ts';
import { type Db, one, rows } from '../../../infra/db.ts';
import { createHousehold } from '../../visits/test-fixtures.ts';
import { recordSightings } from './record-sightings.ts';

let db: Db;
let watched: number;
let other: number;

beforeAll(async () => {
  db = (await testDatabase()).db;
  const t = await createTenant(db);
  const staff = await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[0]!.id }, t.grids[0]!.code);
  const h = await createHousehold(db, t.grids[0]!.id, {
    building: '1号楼',
    address: '测试路1号楼101室',
    residents: [
      { name: '王秀英', birthDate: '1940-01-01' },
      { name: '李建国', birthDate: '1970-01-01' },
    ],
  });
  const ps = await rows<{ id: number }>(
    db,
    sql`select id from persons where household_id = ${h.id} order by id`,
  );
  [watched, other] = [ps[0]!.id, ps[1]!.id];
  await db.execute(
    sql`insert into care_watched (person_id, consent_by, consent_basis, consent_at, consent_recorded_by, enrolled_by)
        values (${watched}, 'self', '本人签字同意书', now(), ${staff.id}, ${staff.id})`,
  );
});

const lastSeen = async (id: number) =>
  (await one<{ at: Date | null }>(
    db,
    sql`select last_seen_at as at from care_watched where person_id = ${id}`,
  ))!.at;

describe('recording sightings', () => {
  it('counts a resent batch once and moves last seen only forward', async () => {
    const t0 = new Date('2026-11-30T08:00:00Z');
    const batch = [0, 1, 2].map((i) => ({
      personId: watched,
      seenAt: new Date(t0.getTime() + i * 60_000),
      source: 'device' as const,
      deviceId: 7,
      dedupeKey: `dev7:"odd,key"{${watched}/${i}}`, // the person makes it unique per run on a kept database
    }));
    expect(await recordSightings(db, batch)).toEqual({ inserted: 3 });
    expect(await recordSightings(db, batch)).toEqual({ inserted: 0 });
    expect((await lastSeen(watched))?.toISOString()).toBe('2026-11-30T08:02:00.000Z');
    await recordSightings(db, [{ personId: watched, seenAt: t0, source: 'staff' }]);
    expect((await lastSeen(watched))?.toISOString()).toBe('2026-11-30T08:02:00.000Z');
    const keys = await rows<{ k: string }>(
      db,
      sql`select dedupe_key as k from care_sightings where person_id = ${watched} and device_id = 7 order by seen_at`,
    );
    expect(keys.map((k) => k.k)).toEqual(batch.map((b) => b.dedupeKey));
  });

  it('keeps a sighting of a person not watched without enrolling them', async () => {
    expect(await recordSightings(db, [{ personId: other, seenAt: new Date(), source: 'visit' }])).toEqual({
      inserted: 1,
    });
    expect(await one(db, sql`select 1 from care_watched where person_id = ${other}`)).toBeNull();
  });
});
