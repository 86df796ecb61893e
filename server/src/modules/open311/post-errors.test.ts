import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { errorsOf, type Fields, marker, type PostKit, postKit } from './post-fixtures.ts';
import { ENV_KEY, form, JURISDICTION, open311App } from './test-helpers.ts';

let app: FastifyInstance;
let kit: PostKit;

beforeAll(async () => {
  const db = (await testDatabase()).db;
  app = await open311App(db);
  kit = await postKit(app, db);
});
afterAll(() => app.close());

const valid = (extra: Fields = {}) => kit.valid(extra);
const post = (format: 'json' | 'xml', fields: Fields) => kit.post(format, fields);
const stored = (description: string | string[] | undefined) => kit.stored(description);

describe('POST requests: errors store nothing', () => {
  const cases: [string, (f: Record<string, string | string[]>) => void, number, string, RegExp][] = [
    ['no service_code', (f) => delete f.service_code, 400, 'VALIDATION_FAILED', /service_code/],
    ['an unknown service_code', (f) => (f.service_code = '99.99'), 404, 'CATEGORY_UNKNOWN', /99\.99/],
    ['a care-alert service_code', (f) => (f.service_code = '12.01'), 404, 'CATEGORY_UNKNOWN', /12\.01/],
    ['another jurisdiction', (f) => (f.jurisdiction_id = 'sfgov.org'), 404, 'NOT_FOUND', /sfgov\.org/],
    [
      'no location',
      (f) => {
        delete f.lat;
        delete f.long;
      },
      400,
      'VALIDATION_FAILED',
      /location|位置/,
    ],
    ['lat without long', (f) => delete f.long, 400, 'VALIDATION_FAILED', /long/],
    ['a latitude out of range', (f) => (f.lat = '95'), 400, 'VALIDATION_FAILED', /lat/],
    ['a bad phone', (f) => (f.phone = 'call me'), 400, 'VALIDATION_FAILED', /phone/],
    [
      'a media_url that is no URL',
      (f) => (f.media_url = 'javascript:alert(1)'),
      400,
      'VALIDATION_FAILED',
      /media_url/,
    ],
    [
      'a missing required attribute',
      (f) => (f.service_code = '01.01'),
      400,
      'ANSWER_REQUIRED',
      /attribute\[volume\]/,
    ],
  ];

  for (const [what, change, status, code, mention] of cases) {
    it(`answers ${status} ${code} for ${what}, in both formats`, async () => {
      for (const format of ['json', 'xml'] as const) {
        const fields = valid();
        change(fields);
        const res = await post(format, fields);
        expect(res.statusCode).toBe(status);
        const errors = errorsOf(res);
        expect(errors[0]).toEqual({ code, description: expect.stringMatching(mention) });
        expect(await stored(fields.description!)).toBe(0);
      }
    });
  }

  it('lists every problem of a request at once', async () => {
    const fields = valid({ description: '长'.repeat(4001), phone: 'x' });
    delete fields.long;
    const res = await post('json', fields);
    expect(res.statusCode).toBe(400);
    expect(errorsOf(res).map((e) => e.description)).toEqual([
      expect.stringMatching(/long/),
      expect.stringMatching(/4000/),
      expect.stringMatching(/phone/),
    ]);
    expect(await stored(fields.description!)).toBe(0);
  });

  it('accepts exactly 4,000 characters of description', async () => {
    const text = `${marker()}${'长'.repeat(4000)}`.slice(0, 4000);
    const res = await post('json', valid({ description: text }));
    expect(res.statusCode).toBe(201);
    expect(await stored(text)).toBe(1);
  });

  it('refuses a body that is neither form nor multipart with 415, and unknown jurisdictions in the body with 404', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/open311/v2/requests.json?api_key=${ENV_KEY}`,
      payload: { service_code: '05.02' },
    });
    expect(res.statusCode).toBe(415);
    expect(errorsOf(res)[0]!.description).toContain('multipart/form-data');
    const text = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: { 'content-type': 'text/plain' },
      payload: form(valid()),
    });
    expect(text.statusCode).toBe(415);
    expect(errorsOf(text)[0]!.description).toContain('x-www-form-urlencoded');
    const ok = await post('json', valid({ jurisdiction_id: JURISDICTION }));
    expect(ok.statusCode).toBe(201);
  });

  it('says why a form over 256 kB is refused in the caller’s language (it was English)', async () => {
    for (const [lang, why] of [
      ['zh-CN', '请求体过大'],
      ['en', 'the body is too large'],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
        payload: `api_key=${ENV_KEY}&description=${'x'.repeat(270_000)}`,
      });
      expect(res.statusCode).toBe(400);
      expect(errorsOf(res)[0]!.description).toContain(why);
    }
  });
});
