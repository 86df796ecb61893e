import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/database.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

// The other Open311 tests assemble their own app; this one proves buildApp (app.ts) serves the module.
describe('Open311 in the application', () => {
  it('serves GeoReport v2, its error format and the key administration', async () => {
    const discovery = await app.inject({ url: '/open311/v2/discovery.xml' });
    expect(discovery.statusCode).toBe(200);
    expect(discovery.headers['content-type']).toBe('text/xml; charset=utf-8');
    const missing = await app.inject({ url: '/open311/v2/nothing.json' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 'NOT_FOUND', description: expect.any(String) }]);
    const noKey = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'service_code=05.02',
    });
    expect(noKey.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/open311/keys' })).statusCode).toBe(401);
  });

  it('keeps the form parser inside Open311: the main API still refuses form bodies', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'categoryCode=05.02&description=x',
    });
    expect(res.statusCode).toBe(415);
  });
});
