import { ERROR_MESSAGES } from '@civicgrid/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { outage } from '../../../test/faults.ts';
import { errorsOf } from './post-fixtures.ts';
import { ENV_KEY, form, open311App } from './test-helpers.ts';

let app: FastifyInstance;
let db: ReturnType<typeof outage>;

beforeAll(async () => {
  db = outage((await testDatabase()).db);
  app = await open311App(db);
});
afterAll(() => app.close());

describe('Open311 while the database is down', () => {
  it('answers a POST with 503 DB_UNAVAILABLE in the GeoReport error format, so clients retry rather than drop it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payload: form({
        api_key: ENV_KEY,
        service_code: '05.02',
        lat: '33.6',
        long: '114.6',
        description: '路灯不亮',
      }),
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(errorsOf(res)).toEqual([
      { code: 'DB_UNAVAILABLE', description: ERROR_MESSAGES.DB_UNAVAILABLE.zh },
    ]);
  });

  it('answers reads with 503 in XML, in English when asked', async () => {
    const res = await app.inject({ url: '/open311/v2/services.xml', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(503);
    expect(errorsOf(res)).toEqual([
      { code: 'DB_UNAVAILABLE', description: ERROR_MESSAGES.DB_UNAVAILABLE.en },
    ]);
  });

  it('serves again once the database is back', async () => {
    db.end();
    const res = await app.inject({ url: '/open311/v2/services.json' });
    expect(res.statusCode).toBe(200);
  });
});
