import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/database.ts';
import { one } from '../../infra/db.ts';
import { signedHeaders } from './signing.ts';
import { type DeviceWorld, deviceCall, deviceWorld, registerTestDevice } from './test-fixtures.ts';

let app: FastifyInstance;
let w: DeviceWorld;

beforeAll(async () => {
  app = await testApp();
  w = await deviceWorld(app);
});
afterAll(() => app.close());

const sightingsOf = async (personId: number) =>
  (await one<{ n: number }>(
    w.db,
    sql`select count(*)::int as n from care_sightings where person_id = ${personId} and device_id = ${w.device.id}`,
  ))!.n;

describe('device API authentication', () => {
  const body = { sightings: [{ ref: 'A1', time: new Date().toISOString() }] };

  it('refuses an unsigned call in the caller’s language, storing nothing', async () => {
    const before = await sightingsOf(w.persons[0]!);
    const res = await app.inject({
      method: 'POST',
      url: '/api/device/v1/sightings',
      headers: { 'accept-language': 'en' },
      payload: body,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('DEVICE_SIGNATURE_INVALID');
    expect(res.json().error.message).toMatch(/signature/);
    expect(await sightingsOf(w.persons[0]!)).toBe(before);
  });

  it('refuses a call signed with another key, or whose body was changed after signing', async () => {
    const wrong = await deviceCall(app, { id: w.device.id, key: 'cgdk_not-the-key' }, '/sightings', body);
    expect(wrong.statusCode).toBe(401);
    const url = '/api/device/v1/sightings';
    const headers = signedHeaders(w.device, 'POST', url, JSON.stringify(body));
    const tampered = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: JSON.stringify({ sightings: [{ ref: 'A2', time: body.sightings[0]!.time }] }),
    });
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().error.message).toContain('签名');
  });

  it('refuses a timestamp outside the five-minute window', async () => {
    const stale = await deviceCall(
      app,
      w.device,
      '/heartbeat',
      {},
      { now: new Date(Date.now() - 6 * 60_000) },
    );
    expect(stale.statusCode).toBe(401);
    const future = await deviceCall(
      app,
      w.device,
      '/heartbeat',
      {},
      { now: new Date(Date.now() + 6 * 60_000) },
    );
    expect(future.statusCode).toBe(401);
  });

  it('refuses a replayed call: the same nonce twice', async () => {
    const url = '/api/device/v1/sightings';
    const payload = JSON.stringify({ sightings: [{ ref: 'A1', time: '2026-11-30T01:00:00.000Z' }] });
    const headers = signedHeaders(w.device, 'POST', url, payload);
    const first = await app.inject({ method: 'POST', url, headers, payload });
    expect(first.statusCode).toBe(200);
    const replay = await app.inject({ method: 'POST', url, headers, payload });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe('DEVICE_REPLAY');
  });

  it('refuses a retired device at once', async () => {
    const d = await registerTestDevice(app, w.office, {
      kind: 'button',
      name: '一键报平安',
      org: w.tenant.communities[0]!.code,
    });
    expect((await deviceCall(app, d, '/heartbeat', {})).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: `/api/care-devices/${d.id}/retire`, headers: w.office });
    expect((await deviceCall(app, d, '/heartbeat', {})).statusCode).toBe(401);
  });
});

describe('no image data', () => {
  it.each([
    ['a face field', { sightings: [{ ref: 'A1', time: new Date().toISOString(), face: 'x' }] }],
    [
      'a data: URL',
      { sightings: [{ ref: 'data:image/jpeg;base64,/9j/4AAQ', time: new Date().toISOString() }] },
    ],
    [
      'a base64 JPEG',
      { sightings: [{ ref: 'A1', time: new Date().toISOString() }], note: `/9j/${'A'.repeat(100)}` },
    ],
    [
      'a template array',
      { sightings: [{ ref: 'A1', time: new Date().toISOString() }], template: [0.1, 0.2] },
    ],
  ])('refuses %s with its own code and stores nothing', async (_name, payload) => {
    const before = await sightingsOf(w.persons[0]!);
    const res = await deviceCall(app, w.device, '/sightings', payload, { lang: 'en' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('DEVICE_IMAGE_REFUSED');
    expect(res.json().error.message).toMatch(/images/);
    expect(await sightingsOf(w.persons[0]!)).toBe(before);
  });

  it('refuses an image content type', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/device/v1/sightings',
      headers: { 'content-type': 'image/jpeg' },
      payload: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('DEVICE_IMAGE_REFUSED');
  });
});

describe('ingest', () => {
  it('records known references, reports unknown ones by index, and counts a resent batch once', async () => {
    const t = Date.now() - 3_600_000;
    const batch = {
      sightings: [
        { ref: 'A1', time: new Date(t).toISOString() },
        { ref: 'ZZ9', time: new Date(t).toISOString() },
        { ref: 'A2', time: new Date(t + 1000).toISOString() },
        { ref: 'A1', time: new Date(t + 2000).toISOString() },
      ],
    };
    const [a, b] = [await sightingsOf(w.persons[0]!), await sightingsOf(w.persons[1]!)];
    const first = await deviceCall(app, w.device, '/sightings', batch);
    expect(first.statusCode).toBe(200);
    expect(first.json().data).toEqual({
      received: 4,
      recorded: 3,
      duplicates: 0,
      unknown: [{ index: 1, ref: 'ZZ9' }],
      rejected: [],
    });
    // the answer was lost; the device sends the same batch again (a new nonce, as every call has)
    const again = await deviceCall(app, w.device, '/sightings', batch);
    expect(again.json().data).toMatchObject({ recorded: 0, duplicates: 3 });
    expect(await sightingsOf(w.persons[0]!)).toBe(a + 2);
    expect(await sightingsOf(w.persons[1]!)).toBe(b + 1);
  });

  it('rejects a sighting from the future or past the retention by its index and takes the rest', async () => {
    const res = await deviceCall(app, w.device, '/sightings', {
      sightings: [
        { ref: 'A1', time: new Date(Date.now() + 3_600_000).toISOString() },
        { ref: 'A2', time: new Date(Date.now() - 60_000).toISOString() },
        { ref: 'A2', time: new Date(Date.now() - 1_000 * 86_400_000).toISOString() },
      ],
    });
    expect(res.json().data).toMatchObject({
      recorded: 1,
      rejected: [
        { index: 0, reason: 'future' },
        { index: 2, reason: 'past' },
      ],
    });
  });

  it('refuses a batch over 500 sightings, in the caller’s language', async () => {
    const time = new Date().toISOString();
    const res = await deviceCall(
      app,
      w.device,
      '/sightings',
      { sightings: Array.from({ length: 501 }, () => ({ ref: 'A1', time })) },
      { lang: 'en' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a batch of 500 with one malformed time or an extra field, naming each item, storing nothing', async () => {
    const time = new Date().toISOString();
    const sightings: Record<string, unknown>[] = Array.from({ length: 500 }, () => ({ ref: 'A1', time }));
    sightings[3] = { ref: 'A1', time: '2026-02-30T10:00:00Z' };
    sightings[499] = { ref: 'A 1', time, seen: true };
    const before = await sightingsOf(w.persons[0]!);
    const en = await deviceCall(app, w.device, '/sightings', { sightings }, { lang: 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.code).toBe('VALIDATION_FAILED');
    expect(en.json().error.details).toEqual([
      { field: 'body/sightings/3/time', message: 'must be a date-time (ISO 8601)' },
      { field: 'body/sightings/499/seen', message: 'is not an accepted field' },
      { field: 'body/sightings/499/ref', message: 'has the wrong format' },
    ]);
    const zh = await deviceCall(app, w.device, '/sightings', { sightings: [{ ref: 'A1' }] });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details).toEqual([{ field: 'body/sightings/0/time', message: '必填' }]);
    const empty = await deviceCall(app, w.device, '/sightings', { sightings: [] }, { lang: 'en' });
    expect(empty.json().error.details).toEqual([
      { field: 'body/sightings', message: 'must have at least 1 item' },
    ]);
    expect(await sightingsOf(w.persons[0]!)).toBe(before);
  });

  it('reads references of the device’s group only: another community’s device knows none of them', async () => {
    const other = await registerTestDevice(app, w.otherOffice, {
      kind: 'camera',
      name: '东门摄像头',
      org: w.tenant.communities[1]!.code,
    });
    const sent = await deviceCall(app, other, '/sightings', {
      sightings: [{ ref: 'A1', time: new Date().toISOString() }],
    });
    expect(sent.json().data).toMatchObject({ recorded: 0, unknown: [{ index: 0, ref: 'A1' }] });
  });
});
