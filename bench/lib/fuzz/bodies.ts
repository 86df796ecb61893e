import fc from 'fast-check';
import { acceptLanguage, anyJson, deepJsonText, sometimes } from './hostile.ts';
import { headerValue } from './http.ts';

/** How a JSON object goes on the wire: as it is, or damaged in one of the ways clients and attackers do. */
export type JsonShape =
  | 'json'
  | 'duplicate-key'
  | 'deep-field'
  | 'deep-body'
  | 'truncated'
  | 'trailing-garbage'
  | 'bom'
  | 'proto'
  | 'invalid-utf8'
  | 'not-an-object'
  | 'over-1mb'
  | 'empty';

export const jsonShape: fc.Arbitrary<JsonShape> = fc.oneof(
  { weight: 40, arbitrary: fc.constant('json' as const) },
  {
    weight: 10,
    arbitrary: fc.constantFrom<JsonShape>(
      'duplicate-key',
      'deep-field',
      'deep-body',
      'truncated',
      'trailing-garbage',
      'bom',
      'proto',
      'invalid-utf8',
      'not-an-object',
      'over-1mb',
      'empty',
    ),
  },
);

/** A JSON body's content type: mostly right, sometimes with parameters, wrong or missing. */
export const jsonContentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 20, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json; charset=iso-8859-1',
      'application/json;;;',
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/vnd.api+json',
      'application/xml',
      'application/octet-stream',
      '*/*',
      'application/json, text/plain',
      undefined,
    ),
  },
);

/**
 * Serialises a body object the way `shape` says. `extra` is a second value for one of its keys (a duplicate
 * key, a deeply nested value), `deep` the text of a deeply nested value.
 */
export function serialise(value: unknown, shape: JsonShape, extra: unknown, deep: string): Buffer {
  const text = JSON.stringify(value) ?? 'null';
  const isObject = text.startsWith('{') && text.length > 2;
  const keys = value && typeof value === 'object' ? Object.keys(value) : [];
  const key = JSON.stringify(keys[0] ?? 'description');
  const extraText = JSON.stringify(extra) ?? 'null';
  switch (shape) {
    case 'json':
      return Buffer.from(text);
    case 'duplicate-key':
      return Buffer.from(isObject ? `${text.slice(0, -1)},${key}:${extraText}}` : text);
    case 'deep-field':
      return Buffer.from(isObject ? `${text.slice(0, -1)},${key}:${deep}}` : deep);
    case 'deep-body':
      return Buffer.from(deep);
    case 'truncated':
      return Buffer.from(text.slice(0, Math.max(0, Math.floor(text.length / 2))));
    case 'trailing-garbage':
      return Buffer.from(`${text}}]garbage`);
    case 'bom':
      return Buffer.from(`\uFEFF${text}`);
    case 'proto':
      return Buffer.from(
        isObject ? `${text.slice(0, -1)},"__proto__":{"source":"api","isAdmin":true}}` : '{"__proto__":{}}',
      );
    case 'invalid-utf8':
      return Buffer.concat([
        Buffer.from(text.slice(0, -2)),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from(text.slice(-2)),
      ]);
    case 'not-an-object':
      return Buffer.from(extraText);
    case 'over-1mb':
      return Buffer.from(
        isObject ? `${text.slice(0, -1)},"pad":"${'x'.repeat(1_100_000)}"}` : 'x'.repeat(1_100_000),
      );
    case 'empty':
      return Buffer.alloc(0);
  }
}

/** A JSON POST: the body in one of its shapes, and the headers with its content type (when one is sent). */
export function jsonPost(
  value: fc.Arbitrary<unknown>,
  headers: fc.Arbitrary<Record<string, string>>,
): fc.Arbitrary<{ body: Buffer; headers: Record<string, string>; shape: JsonShape }> {
  return fc
    .tuple(value, jsonShape, anyJson, deepJsonText, jsonContentType, headers)
    .map(([v, shape, extra, deep, contentType, h]) => ({
      body: serialise(v, shape, extra, deep),
      headers: contentType ? { ...h, 'content-type': contentType } : h,
      shape,
    }));
}

/** Request headers every generator adds: the language asked for, optionally a cookie, and noise. */
export function commonHeaders(cookies: readonly string[]): fc.Arbitrary<Record<string, string>> {
  return fc
    .tuple(
      acceptLanguage,
      fc.oneof(
        { weight: 12, arbitrary: fc.constant(undefined) },
        { weight: 2, arbitrary: fc.constantFrom(...cookies) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'cg_session=forged',
            'cg_session=',
            'cg_session=%00',
            'a=b; cg_session=x',
          ),
        },
      ),
      sometimes(fc.constantFrom('127.0.0.1', '10.0.0.1, 1.2.3.4', 'evil.example', 'garbage'), 8),
      sometimes(fc.constantFrom('http://evil.example', 'null', 'https://127.0.0.1', 'not a url'), 8),
    )
    .map(([lang, cookie, forwarded, origin]) => {
      const h: Record<string, string> = {};
      if (lang !== undefined) h['accept-language'] = headerValue(lang);
      if (cookie) h.cookie = cookie;
      if (forwarded) h['x-forwarded-for'] = forwarded;
      if (origin) h.origin = origin;
      return h;
    });
}
