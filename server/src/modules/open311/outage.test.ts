import { ERROR_MESSAGES } from '@civicgrid/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { outage } from '../../../test/faults.ts';
import { errorsOf, type PostKit, postKit } from './post-fixtures.ts';
import { open311App } from './test-helpers.ts';

let app: FastifyInstance;
let db: ReturnType<typeof outage>;
let kit: PostKit;

beforeAll(async () => {
  const real = (await testDatabase()).db;
  db = outage(real);
  app = await open311App(db);
  // the tenant and the count of stored cases go to the real database, the requests to the app that is cut off
  kit = await postKit(app, real);
});
afterAll(() => app.close());

describe('Open311 while the database is down', () => {
  it('answers a POST with 503 DB_UNAVAILABLE in the GeoReport error format, so clients retry rather than drop it', async () => {
    const fields = kit.valid();
    const res = await kit.post('json', fields);
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(errorsOf(res)).toEqual([
      { code: 'DB_UNAVAILABLE', description: ERROR_MESSAGES.DB_UNAVAILABLE.zh },
    ]);
    expect(await kit.stored(fields.description)).toBe(0);
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
