import fc from 'fast-check';
import { commonHeaders } from './bodies.ts';
import { anyText, asText, hostileText, idempotencyKey, maybe, numberText } from './hostile.ts';
import { encodePart, type FuzzAnswer, headerValue, queryString } from './http.ts';
import type { Ledger } from './ledger.ts';
import { answersFor, categoryCode, phone } from './report-fields.ts';
import type { Endpoint, FuzzInput } from './runner.ts';
import type { FuzzWorld } from './seed.ts';

const JURISDICTION = '411602';
const REPLAYED_KEYS = Array.from({ length: 10 }, (_, i) => `fz-open311-key-${i}`);

const text = (a: fc.Arbitrary<unknown>) => a.map(asText);

/** A coordinate as text: inside the district mostly, else anything a form field can hold. */
const coordinate = (min: number, max: number) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.double({ min, max, noNaN: true }).map((n) => n.toFixed(6)) },
    { weight: 2, arbitrary: numberText },
  );

/** The form fields of a GeoReport POST, as name/value pairs (a name may come twice). */
function formPairs(world: FuzzWorld): fc.Arbitrary<[string, string][]> {
  const b = world.box;
  return categoryCode(world).chain(({ code, category }) =>
    fc
      .tuple(
        fc.oneof(
          { weight: 16, arbitrary: fc.constant(world.open311Key) },
          { weight: 1, arbitrary: fc.constantFrom(world.revokedOpen311Key, '', 'o311_forged', undefined) },
          { weight: 1, arbitrary: hostileText(50) },
        ),
        fc.oneof(
          {
            weight: 8,
            arbitrary: fc
              .tuple(coordinate(b.minLat, b.maxLat), coordinate(b.minLng, b.maxLng))
              .map(([la, lo]) => ({ lat: la, long: lo })),
          },
          { weight: 2, arbitrary: text(anyText).map((a) => ({ address_string: a })) },
          { weight: 1, arbitrary: hostileText(20).map((a) => ({ address_id: a })) },
          { weight: 1, arbitrary: coordinate(-90, 90).map((la) => ({ lat: la })) },
          { weight: 1, arbitrary: fc.constant({}) },
        ),
        fc.record({
          description: maybe(text(anyText), 4),
          first_name: maybe(hostileText(30)),
          last_name: maybe(hostileText(30)),
          phone: maybe(text(phone)),
          email: maybe(fc.oneof(fc.emailAddress(), hostileText(30))),
          device_id: maybe(hostileText(20), 1),
          account_id: maybe(hostileText(20), 1),
          media_url: maybe(
            fc.oneof(
              fc.webUrl(),
              fc.constantFrom('javascript:alert(1)', 'http://127.0.0.1/x', `http://x/${'a'.repeat(2100)}`),
              hostileText(30),
            ),
            1,
          ),
          jurisdiction_id: maybe(fc.oneof(fc.constant(JURISDICTION), hostileText(10)), 1),
        }),
        answersFor(category),
        fc.array(fc.tuple(hostileText(12), hostileText(20)), { maxLength: 3 }),
        fc.nat({ max: 19 }),
      )
      .map(([apiKey, where, fields, answers, extra, drop]) => {
        const pairs: [string, string][] = [];
        if (apiKey !== undefined) pairs.push(['api_key', apiKey]);
        if (drop !== 0) pairs.push(['service_code', asText(code)]);
        for (const [k, v] of Object.entries({ ...where, ...fields })) if (v !== undefined) pairs.push([k, v]);
        for (const [k, v] of Object.entries(answers)) {
          if (Array.isArray(v)) for (const item of v) pairs.push([`attribute[${k}][]`, asText(item)]);
          else pairs.push([`attribute[${k}]`, asText(v)]);
        }
        if (drop === 1) pairs.push(['service_code', '05.02']); // sent twice: the first value wins
        return [...pairs, ...extra];
      }),
  );
}

/** How a form goes on the wire: encoded properly, or with malformed escapes and separators. */
const formEncoding = fc.oneof(
  { weight: 12, arbitrary: fc.constant('proper' as const) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'bad-escapes' as const,
      'semicolons' as const,
      'over-256kb' as const,
      'plus' as const,
    ),
  },
);

function encodeForm(
  pairs: [string, string][],
  how: 'proper' | 'bad-escapes' | 'semicolons' | 'over-256kb' | 'plus',
) {
  const body = queryString(pairs);
  switch (how) {
    case 'proper':
      return body;
    case 'bad-escapes':
      return `${body}&description=%ZZ%E4%B8%&%=%&&=&lat=%2`;
    case 'semicolons':
      return body.replace(/&/g, ';');
    case 'over-256kb':
      return `${body}&description=${'x'.repeat(270_000)}`;
    case 'plus':
      return body.replace(/%20/g, '+').replace(/%2B/g, '+');
  }
}

const FORM_TYPES = fc.oneof(
  { weight: 16, arbitrary: fc.constant('application/x-www-form-urlencoded') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/x-www-form-urlencoded; charset=utf-8',
      'APPLICATION/X-WWW-FORM-URLENCODED',
      'application/json',
      'multipart/form-data; boundary=x',
      'text/plain',
      'text/xml',
      undefined,
    ),
  },
);

/** POST /open311/v2/requests.{json,xml}: a GeoReport client's form, a key in the body or the query. */
export function open311Post(world: FuzzWorld, runs: number): Endpoint {
  const inputs = fc
    .tuple(
      formPairs(world),
      formEncoding,
      FORM_TYPES,
      fc.constantFrom('json', 'xml'),
      fc.nat({ max: 9 }),
      commonHeaders([world.residentCookie]),
      idempotencyKey(REPLAYED_KEYS),
    )
    .map(([pairs, how, type, format, keyInQuery, headers, key]): FuzzInput => {
      // one time in ten the key travels in the query string, as some clients send it
      const inQuery = keyInQuery === 0 ? pairs.filter(([k]) => k === 'api_key') : [];
      const form = keyInQuery === 0 ? pairs.filter(([k]) => k !== 'api_key') : pairs;
      const h: Record<string, string> = { ...headers };
      if (type) h['content-type'] = type;
      if (key !== undefined) h['idempotency-key'] = headerValue(key);
      const query = inQuery.length ? `?${queryString(inQuery)}` : '';
      return {
        request: {
          method: 'POST',
          path: `/open311/v2/requests.${format}${query}`,
          headers: h,
          body: Buffer.from(
            type === 'application/json' ? JSON.stringify(Object.fromEntries(form)) : encodeForm(form, how),
          ),
        },
        label: `open311 ${format} ${how}`,
        accepted: (answer: FuzzAnswer, ledger: Ledger) => {
          if (answer.status !== 201) return;
          const id = Number(
            format === 'json'
              ? (JSON.parse(answer.body) as { service_request_id: string }[])[0]!.service_request_id
              : /<service_request_id>(\d+)<\/service_request_id>/.exec(answer.body)?.[1],
          );
          ledger.created.add(id);
          ledger.open311Requests++;
          if (h['idempotency-key']?.trim()) ledger.idempotencyKeys++;
        },
      };
    });
  return { name: 'POST /open311/v2/requests', runs, inputs };
}

/** A W3C date-time: valid in several forms, at the edges of the calendar, or malformed. */
const w3cDate = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '0000-01-01',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59+14:00',
      '1970-01-01T00:00:00-12:00',
      '2024-02-29',
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-01-01T25:61:61Z',
      '2024-01-01T00:00:00.123456789Z',
      '2024-01-01T00:00',
      '2024-01-01T00:00:00+99:99',
      '+275760-09-13T00:00:00Z',
    ),
  },
  { weight: 1, arbitrary: hostileText(25) },
);

const idList = (ids: number[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.subarray(ids.length ? ids : [1], { maxLength: 5 }).map((a) => a.join(',')) },
    {
      weight: 2,
      arbitrary: fc.array(fc.oneof(fc.nat(), fc.integer()), { maxLength: 5 }).map((a) => a.join(',')),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '999999999',
        '9999999999',
        '0',
        '-1',
        '1,,2',
        ',',
        Array.from({ length: 1001 }, (_, i) => i + 1).join(','),
      ),
    },
    { weight: 1, arbitrary: hostileText(20) },
  );

/** GET /open311/v2/requests.{json,xml} with generated query parameters. */
export function open311Get(world: FuzzWorld, createdIds: number[], runs: number): Endpoint {
  const params: fc.Arbitrary<[string, string][]> = fc
    .tuple(
      fc.record(
        {
          service_request_id: idList(createdIds),
          service_code: fc.oneof(
            categoryCode(world).map((c) => asText(c.code)),
            fc.constant('05.02,01.01,zz'),
          ),
          start_date: w3cDate,
          end_date: w3cDate,
          status: fc.oneof(fc.constantFrom('open', 'closed', 'open,closed', 'OPEN', ''), hostileText(10)),
          page: fc.oneof(fc.nat(20).map(String), numberText, fc.constantFrom('999999999', '0', '-1')),
          page_size: fc.oneof(fc.nat(2000).map(String), numberText),
          extensions: fc.constantFrom('true', 'false', 'TRUE', '1', ''),
          jurisdiction_id: fc.oneof(fc.constant(JURISDICTION), hostileText(10)),
        },
        { requiredKeys: [] },
      ),
      fc.array(fc.tuple(fc.constantFrom('status', 'page', 'service_code', 'start_date'), hostileText(10)), {
        maxLength: 2,
      }),
      fc.array(fc.tuple(hostileText(10), hostileText(10)), { maxLength: 2 }),
    )
    .map(([named, repeated, unknown]) => [
      ...Object.entries(named).filter((e): e is [string, string] => e[1] !== undefined),
      ...repeated,
      ...unknown,
    ]);
  const inputs = fc.tuple(params, fc.constantFrom('json', 'xml'), commonHeaders([world.residentCookie])).map(
    ([pairs, format, headers]): FuzzInput => ({
      request: { method: 'GET', path: `/open311/v2/requests.${format}?${queryString(pairs)}`, headers },
      label: `open311 get ${format} ${pairs.map(([k]) => encodePart(k).slice(0, 20)).join(',')}`,
    }),
  );
  return { name: 'GET /open311/v2/requests', runs, inputs };
}
