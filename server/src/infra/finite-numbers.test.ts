import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREETLIGHT } from '../../test/case-helpers.ts';
import { testApp } from '../../test/database.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const duplicates = (query: string, headers: Record<string, string> = {}) =>
  app.inject({ url: `/api/cases/duplicates?category=${STREETLIGHT}&${query}`, headers });

describe('numbers in the query string', () => {
  it('refuses an infinite coordinate with 400 in the caller’s language, as any number out of range', async () => {
    for (const query of ['lat=1e999&lng=114.65', 'lat=33.62&lng=-1e999', 'lat=33.62&lng=Infinity']) {
      const res = await duplicates(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(res.json().error.details), query).toContain('须为有限的数字');
    }
    const en = await duplicates('lat=1e999&lng=114.65', { 'accept-language': 'en-US' });
    expect(en.json().error.details).toEqual([
      { field: 'querystring/lat', message: 'must be a finite number' },
    ]);
    expect((await duplicates('lat=91&lng=114.65')).statusCode).toBe(400);
  });

  it('lets finite numbers at the edges of their range through', async () => {
    for (const query of ['lat=90&lng=180', 'lat=-90&lng=-180', 'lat=33.62&lng=114.65'])
      expect((await duplicates(query)).statusCode, query).toBe(200);
  });
});
