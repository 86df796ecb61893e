import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/database.ts';
import { one, rows } from '../../infra/db.ts';
import { recordSightings } from '../care/commands/record-sightings.ts';
import { sweepDeviceHealth } from './health-sweep.ts';
import { foldOldSightings, RETENTION_SETTING } from './retention-sweep.ts';
import { type DeviceWorld, deviceCall, deviceWorld, registerTestDevice } from './test-fixtures.ts';

let app: FastifyInstance;
let w: DeviceWorld;

beforeAll(async () => {
  app = await testApp();
  w = await deviceWorld(app);
});
afterAll(() => app.close());

/** This test's district: the sweeps leave other tests' devices and sightings alone. */
const mine = () => ({ orgPrefix: w.tenant.district.code });

const healthOf = async (id: number) =>
  (await app.inject({ url: `/api/care-devices/${id}`, headers: w.office })).json().data as {
    health: string;
    events: { kind: string }[];
  };

describe('device health', () => {
  it('flags a device silent past its interval once, even with two sweeps at once, and clears it when it returns', async () => {
    const speaker = await registerTestDevice(app, w.office, {
      kind: 'speaker',
      name: '云广播1号',
      org: w.tenant.grids[0]!.code,
      heartbeatSeconds: 60,
    });
    expect((await deviceCall(app, speaker, '/heartbeat', {})).statusCode).toBe(200);
    expect((await healthOf(speaker.id)).health).toBe('ok');
    // two minutes on: the speaker has not called for longer than its 60 s
    const later = new Date(Date.now() + 120_000);
    await Promise.all([sweepDeviceHealth(w.db, later, mine()), sweepDeviceHealth(w.db, later, mine())]);
    await sweepDeviceHealth(w.db, later, mine());
    const silent = await healthOf(speaker.id);
    expect(silent.health).toBe('silent');
    expect(silent.events.map((e) => e.kind)).toEqual(['silent']);
    const list = await app.inject({
      url: `/api/care-devices?health=silent&org=${w.tenant.grids[0]!.code}`,
      headers: w.office,
    });
    expect(list.json().data.map((d: { id: number }) => d.id)).toContain(speaker.id);
    // it calls again: the flag goes at once, with one 'back' event
    await deviceCall(app, speaker, '/heartbeat', {});
    const back = await healthOf(speaker.id);
    expect(back.health).toBe('ok');
    expect(back.events.map((e) => e.kind)).toEqual(['back', 'silent']);
  });

  it('leaves a device that keeps within its interval alone', async () => {
    await sweepDeviceHealth(w.db, new Date(Date.now() + 60_000), mine());
    expect((await healthOf(w.device.id)).health).toBe('ok');
  });
});

describe('retention of raw sightings', () => {
  it('folds sightings older than the setting into daily presence and deletes them, once', async () => {
    const [p] = w.persons;
    await w.db.execute(
      sql`insert into settings (key, value) values (${RETENTION_SETTING}, '{"days": 30}')
          on conflict (key) do update set value = excluded.value`,
    );
    const now = new Date('2031-06-20T12:00:00Z');
    // two on 2031-05-01 (China time), one on 2031-05-02 — 2031-05-01T17:00Z is already the 2nd in China;
    // one recent sighting that stays
    const at = [
      '2031-05-01T01:00:00Z',
      '2031-05-01T09:30:00Z',
      '2031-05-01T17:00:00Z',
      '2031-06-19T08:00:00Z',
    ];
    await recordSightings(
      w.db,
      at.map((t) => ({ personId: p!, seenAt: new Date(t), source: 'staff' as const })),
    );
    const [a, b] = await Promise.all([
      foldOldSightings(w.db, now, 2, mine()),
      foldOldSightings(w.db, now, 2, mine()),
    ]);
    const c = await foldOldSightings(w.db, now, 5_000, mine());
    expect(a + b + c).toBe(3);
    const days = await rows<{ day: string; sightings: number; first: Date; last: Date }>(
      w.db,
      sql`select day, sightings, first_seen_at as first, last_seen_at as last from care_presence_daily
          where person_id = ${p} order by day`,
    );
    expect(days.map((d) => [d.day, d.sightings])).toEqual([
      ['2031-05-01', 2],
      ['2031-05-02', 1],
    ]);
    expect(days[0]!.first.toISOString()).toBe('2031-05-01T01:00:00.000Z');
    expect(days[0]!.last.toISOString()).toBe('2031-05-01T09:30:00.000Z');
    const left = await rows<{ seen: Date }>(
      w.db,
      sql`select seen_at as seen from care_sightings where person_id = ${p} and seen_at > '2031-01-01'`,
    );
    expect(left.map((r) => r.seen.toISOString())).toEqual(['2031-06-19T08:00:00.000Z']);
    expect(await foldOldSightings(w.db, now, 5_000, mine())).toBe(0);
  });

  it('keeps sightings younger than a longer setting', async () => {
    await w.db.execute(sql`update settings set value = '{"days": 400}' where key = ${RETENTION_SETTING}`);
    await recordSightings(w.db, [
      { personId: w.persons[1]!, seenAt: new Date('2032-01-01T00:00:00Z'), source: 'staff' },
    ]);
    expect(await foldOldSightings(w.db, new Date('2032-03-01T00:00:00Z'), 5_000, mine())).toBe(0);
    const kept = await one(
      w.db,
      sql`select 1 from care_sightings where person_id = ${w.persons[1]} and seen_at = '2032-01-01T00:00:00Z'`,
    );
    expect(kept).not.toBeNull();
    await w.db.execute(sql`update settings set value = '{"days": 30}' where key = ${RETENTION_SETTING}`);
  });
});
