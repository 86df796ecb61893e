import fc from 'fast-check';

/**
 * Building blocks for the public-endpoint fuzz: text, numbers and JSON values a hostile or careless client
 * sends. Each arbitrary mixes a valid-shaped share (so the accepting path runs too) with hostile ones.
 */

/** Strings that broke parsers, drivers or templates somewhere, plus the characters PostgreSQL cannot store. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\uDBFF\uDFFF',
  '\uFEFF',
  '\u202E\u0645\u0631\u062D\u0628\u0627 RTL',
  '\u200B\u200D\u2060',
  '👨‍👩‍👧‍👦🏳️‍🌈🇨🇳',
  '\uFFFF\uFFFE',
  "'; drop table cases; --",
  "' or '1'='1",
  '1; select pg_sleep(5)',
  '$1',
  '%s%s%s%n',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection probe, on purpose
  '{{7*7}}${7*7}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '../../../../etc/passwd',
  '..%2f..%2f',
  '\\x00\\u0000',
  '\r\n\r\nHTTP/1.1 200 OK',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x10',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  '路灯不亮，晚上很黑',
  '繁體字測試：臺灣',
  'Ω≈ç√∫˜µ≤≥÷',
  'ﷺ',
  'Z̸̢̛̤͓̯͇̞͈̗͇̖͍̗̯̗͐͆̀̿͆͊̅͘a̷̡͎̖̣̳̿̅͝l̵',
];

/** Inserts a NUL or a lone surrogate somewhere in a string (what PostgreSQL text cannot hold). */
const poisoned = (s: fc.Arbitrary<string>) =>
  fc
    .tuple(s, fc.constantFrom('\u0000', '\uD83D', '\uDE00', '\uDBFF'), fc.nat())
    .map(([t, bad, at]) => t.slice(0, at % (t.length + 1)) + bad + t.slice(at % (t.length + 1)));

/** Arbitrary text: readable, any Unicode, single code units (lone surrogates), nasty constants, poisoned. */
export function hostileText(maxLength = 40): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
        maxLength,
      }),
    },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 1, arbitrary: poisoned(fc.string({ maxLength })) },
  );
}

/** A string far beyond any field's limit (up to ~70,000 characters, multi-byte sometimes). */
export const longText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', '路', '😀', '\u0000', '<'), fc.integer({ min: 200, max: 70_000 }))
  .map(([c, n]) => c.repeat(n));

/** Any text, long text included. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 9, arbitrary: hostileText() },
  { weight: 1, arbitrary: longText },
);

/** Numbers at and beyond every edge; as JSON, NaN and ±Infinity become null. */
export const edgeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    0,
    -0,
    -1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER,
    2 ** 31,
    2 ** 31 - 1,
    -(2 ** 31) - 1,
    2 ** 63,
    Number.MIN_VALUE,
    0.1 + 0.2,
  ),
);

/** Numbers written as text, the way a form or query string carries them. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  edgeNumber.map(String),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e999',
    '-1e999',
    '0x1F',
    '0b101',
    '1_000',
    '１２３',
    ' 33.6 ',
    '33.6.1',
    '+33.6',
    '.5',
    '5.',
    '',
    '1e-400',
    '99999999999999999999999999',
  ),
  hostileText(12),
);

/** A JSON value of any type (shallow), hostile keys and text included. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileText(),
  edgeNumber,
  fc.constantFrom(null, true, false, [], {}, [null], { '': '' }, { __proto__: { polluted: true } }),
  fc.dictionary(hostileText(10), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
);

/** A value nested `depth` levels deep in arrays or objects, as JSON text (a parser's recursion bomb). */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 50, max: 200_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

/** Accept-Language values: the two the product speaks, others, weighted lists, garbage. */
export const acceptLanguage: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(
    undefined,
    'zh-CN',
    'zh-CN,zh;q=0.9,en;q=0.8',
    'en',
    'en-US,en;q=0.9',
    'EN-gb',
    'fr-FR',
    '*',
    'en;q=0, zh',
    '',
    ';;;,,,',
    'zh-Hant-TW',
  ),
  hostileText(20),
);

/** The language an answer should be in, by the product's rule: the first listed language being English. */
export function expectedLang(header: string | undefined): 'zh' | 'en' {
  const first = (header ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

/** Idempotency-Key header values: absent, valid and unique, a reused one (a replay), and malformed ones. */
export function idempotencyKey(reusable: readonly string[]): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: fc.uuid().map((u) => `fz-${u}`) },
    { weight: 2, arbitrary: fc.constantFrom(...reusable) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom('', 'short', 'x'.repeat(101), 'k'.repeat(5000), '        ', '%00%00%00%00'),
        hostileText(120),
      ),
    },
  );
}

/** Optionally wraps a valid value so it sometimes arrives with the wrong type or a hostile one. */
export function orHostile<T>(valid: fc.Arbitrary<T>, validWeight = 6): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: 1, arbitrary: anyJson });
}

/** A value one time in `n`, otherwise null (fc.option's `freq` is the other way round: null one time in n). */
export function sometimes<T>(arb: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: n - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

/** Optionally leaves a field out (undefined), so missing fields come up as often as wrong ones. */
export function maybe<T>(arb: fc.Arbitrary<T>, presentWeight = 5): fc.Arbitrary<T | undefined> {
  return fc.oneof(
    { weight: presentWeight, arbitrary: arb },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Any generated value as the text a form field or query parameter would carry. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
