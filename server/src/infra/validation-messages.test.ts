import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREETLIGHT } from '../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../test/database.ts';
import { createTenant, gridCentre, type Tenant } from '../../test/factories.ts';
import { multipartBody } from '../modules/photos/test-fixtures.ts';
import { messageFor } from './validation-messages.ts';

let app: FastifyInstance;
let t: Tenant;

beforeAll(async () => {
  app = await testApp();
  t = await createTenant((await testDatabase()).db);
});
afterAll(() => app.close());

const EN = { 'accept-language': 'en-US,en;q=0.9' };

function login(payload: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: payload as object });
}

function report(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/cases',
    headers,
    payload: { categoryCode: STREETLIGHT, description: '路灯不亮', location: gridCentre(t, 0), ...body },
  });
}

describe('field-level validation messages are in the caller’s language', () => {
  it('names a missing field itself and says it is required, in Chinese by default and in English', async () => {
    const zh = await login({});
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toEqual({
      code: 'VALIDATION_FAILED',
      message: '提交的内容不符合要求，请检查后重试。',
      details: [
        { field: 'body/username', message: '必填' },
        { field: 'body/password', message: '必填' },
      ],
    });
    const en = await login({}, EN);
    expect(en.json().error.details).toEqual([
      { field: 'body/username', message: 'is required' },
      { field: 'body/password', message: 'is required' },
    ]);
  });

  it('translates lengths, types, ranges, fixed choices and unknown fields', async () => {
    const lengths = await login({ username: '', password: 'x'.repeat(201) });
    expect(lengths.json().error.details).toEqual([
      { field: 'body/username', message: '不能为空' },
      { field: 'body/password', message: '最多 200 个字符' },
    ]);
    const choice = await report({ urgency: 'soon', location: { lng: 200, lat: 'north' }, colour: 'red' }, EN);
    expect(choice.statusCode).toBe(400);
    expect(choice.json().error.details).toEqual(
      expect.arrayContaining([
        { field: 'body/colour', message: 'is not an accepted field' },
        { field: 'body/urgency', message: 'must be one of: normal, urgent, critical' },
        { field: 'body/location/lng', message: 'must be at most 180' },
        { field: 'body/location/lat', message: 'must be a number' },
      ]),
    );
    const type = await app.inject({ url: '/api/audit?limit=many', headers: EN });
    expect(type.json().error.details).toEqual([
      { field: 'querystring/limit', message: 'must be an integer' },
    ]);
  });

  it('says the same for multipart reports, which are checked after their parts are read', async () => {
    const at = gridCentre(t, 0);
    const body = multipartBody(
      { categoryCode: STREETLIGHT, urgency: 'soon', lat: String(at.lat), lng: '200' },
      [],
    );
    const res = await app.inject({ method: 'POST', url: '/api/cases', ...body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual(
      expect.arrayContaining([
        { field: 'body/description', message: '必填' },
        { field: 'body/urgency', message: '须为以下之一：normal、urgent、critical' },
        { field: 'body/location/lng', message: '不能大于 180' },
      ]),
    );
    // one reason per field: the missing description is not also "must be a string"
    const fields = (res.json().error.details as { field: string }[]).map((d) => d.field);
    expect(new Set(fields).size).toBe(fields.length);
  });

  it.each([
    [{ keyword: 'type', params: { type: 'integer' } }, '须为整数', 'must be an integer'],
    [
      { keyword: 'type', params: { type: ['string', 'null'] } },
      '须为文本或空值（null）',
      'must be a string or null',
    ],
    [{ keyword: 'minLength', params: { limit: 3 } }, '至少 3 个字符', 'must have at least 3 characters'],
    [{ keyword: 'pattern', params: {} }, '格式不正确', 'has the wrong format'],
    [
      { keyword: 'format', params: { format: 'date' } },
      '须为日期（YYYY-MM-DD）',
      'must be a date (YYYY-MM-DD)',
    ],
    [{ keyword: 'minimum', params: { limit: 1 } }, '不能小于 1', 'must be at least 1'],
    [{ keyword: 'exclusiveMaximum', params: { limit: 5 } }, '须小于 5', 'must be less than 5'],
    [
      { keyword: 'enum', params: { allowedValues: ['a', 'b'] } },
      '须为以下之一：a、b',
      'must be one of: a, b',
    ],
    [{ keyword: 'const', params: { allowedValue: 'x' } }, '须为 x', 'must be x'],
    [{ keyword: 'minItems', params: { limit: 1 } }, '至少 1 项', 'must have at least 1 item'],
    [{ keyword: 'maxItems', params: { limit: 9 } }, '最多 9 项', 'must have at most 9 items'],
    [{ keyword: 'uniqueItems', params: {} }, '不能有重复项', 'must not contain duplicates'],
    [{ keyword: 'anyOf', params: {} }, '不是可接受的值', 'is not an accepted value'],
  ])('words %j', (failure, zh, en) => {
    expect(messageFor(failure)).toEqual({ zh, en });
  });
});
