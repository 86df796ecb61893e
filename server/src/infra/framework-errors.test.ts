import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/database.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe('URLs the router refuses are answered like every other refusal', () => {
  it('answers a malformed percent-escape with 400 in the caller’s language (it was Fastify’s English)', async () => {
    for (const url of ['/api/track/CG%ED%B8%80', '/api/follows/%E4%B8', '/open311/v2/requests/%ZZ.json']) {
      const zh = await app.inject({ url });
      expect(zh.statusCode, url).toBe(400);
      expect(zh.json().error).toEqual({
        code: 'VALIDATION_FAILED',
        message: '提交的内容不符合要求，请检查后重试。',
        details: [{ field: 'url', message: '地址不是有效的 URL 编码' }],
      });
      const en = await app.inject({ url, headers: { 'accept-language': 'en-US,en;q=0.9' } });
      expect(en.json().error.details[0].message).toBe('the address is not validly URL-encoded');
    }
  });

  it('answers a path parameter over 100 characters with 414 in the caller’s language', async () => {
    const res = await app.inject({
      url: `/api/track/${'a'.repeat(101)}`,
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(414);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details).toEqual([
      { field: 'url', message: 'a parameter of the address is too long' },
    ]);
  });
});

describe('bodies Fastify refuses before validation are named in the caller’s language', () => {
  const post = (payload: string, type: string | undefined, lang = 'zh-CN') =>
    app.inject({
      method: 'POST',
      url: '/api/cases',
      payload,
      headers: { ...(type ? { 'content-type': type } : {}), 'accept-language': lang },
    });

  it('names a content type it does not take, a body that is not JSON and an empty one (it was English)', async () => {
    const cases = [
      [
        '<a/>',
        'application/xml',
        415,
        '不接受这种内容类型（Content-Type）',
        'this Content-Type is not accepted here',
      ],
      ['{"a":', 'application/json', 400, '请求体不是有效的 JSON', 'the body is not valid JSON'],
      ['', 'application/json', 400, '请求体为空', 'the body is empty'],
    ] as const;
    for (const [payload, type, status, zh, en] of cases) {
      const res = await post(payload, type);
      expect(res.statusCode, type).toBe(status);
      expect(res.json().error.details).toEqual([{ field: 'body', message: zh }]);
      expect((await post(payload, type, 'en')).json().error.details).toEqual([
        { field: 'body', message: en },
      ]);
    }
  });
});
