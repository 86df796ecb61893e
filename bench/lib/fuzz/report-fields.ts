import { CASE_SOURCES, type CategoryQuestion } from '@civicgrid/shared';
import fc from 'fast-check';
import {
  anyJson,
  anyText,
  edgeNumber,
  hostileText,
  maybe,
  numberText,
  orHostile,
  sometimes,
} from './hostile.ts';
import type { FuzzCategory, FuzzWorld } from './seed.ts';

/** A valid answer to one category question, or (sometimes) a wrong one. */
function answerTo(q: CategoryQuestion): fc.Arbitrary<unknown> {
  const options = (q.options ?? []).map((o) => o.value);
  const valid: fc.Arbitrary<unknown> =
    q.type === 'single' && options.length
      ? fc.constantFrom(...options)
      : q.type === 'multiple' && options.length
        ? fc.subarray(options, { minLength: 1 })
        : q.type === 'number'
          ? fc.integer({ min: q.min ?? 0, max: q.max ?? 1000 })
          : fc.string({ minLength: 1, maxLength: 30 });
  return orHostile(valid, 8);
}

/** Answers for a category: each question answered validly most of the time, plus unknown keys sometimes. */
export function answersFor(category: FuzzCategory | undefined): fc.Arbitrary<Record<string, unknown>> {
  const questions = category?.questions ?? [];
  const model = Object.fromEntries(questions.map((q) => [q.code, maybe(answerTo(q), q.required ? 12 : 3)]));
  return fc
    .tuple(fc.record(model), sometimes(fc.dictionary(hostileText(12), anyJson, { maxKeys: 3 }), 6))
    .map(([answers, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(answers)) if (v !== undefined) out[k] = v;
      return extra ? { ...out, ...extra } : out;
    });
}

/** A category code: mostly a leaf in use, sometimes a parent, an unknown code or hostile text. */
export function categoryCode(world: FuzzWorld): fc.Arbitrary<{ code: unknown; category?: FuzzCategory }> {
  const leaves = world.categories.filter((c) => c.leaf);
  return fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...leaves).map((c) => ({ code: c.code, category: c })) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...world.categories.filter((c) => !c.leaf)).map((c) => ({ code: c.code })),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom('99.99', '05.99', '5.2', '05.02.01', '0', '').map((code) => ({ code })),
    },
    { weight: 2, arbitrary: anyJson.map((code) => ({ code })) },
  );
}

/** A point: in the district (a grid), elsewhere on Earth (triage), at the edges, or not a point at all. */
export function location(world: FuzzWorld): fc.Arbitrary<unknown> {
  const b = world.box;
  return fc.oneof(
    {
      weight: 16,
      arbitrary: fc.record({
        lng: fc.double({ min: b.minLng, max: b.maxLng, noNaN: true }),
        lat: fc.double({ min: b.minLat, max: b.maxLat, noNaN: true }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        lng: fc.double({ min: -180, max: 180, noNaN: true }),
        lat: fc.double({ min: -90, max: 90, noNaN: true }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(null, { lng: 180, lat: 90 }, { lng: -180, lat: -90 }, { lng: 0, lat: 0 }),
    },
    { weight: 2, arbitrary: fc.record({ lng: orHostile(edgeNumber, 1), lat: orHostile(edgeNumber, 1) }) },
    { weight: 1, arbitrary: fc.record({ lng: numberText, lat: numberText }) },
    { weight: 1, arbitrary: anyJson },
  );
}

/** A phone number: valid in several spellings, or not one. */
export const phone: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^1[3-9]\d{9}$/) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '+86 138-0000-1111',
      '0086 13800001111',
      '010-12345678',
      '12345',
      '1'.repeat(20),
    ),
  },
  { weight: 2, arbitrary: orHostile(hostileText(25), 1) },
);

/** Readable report text, so a good share of the reports is accepted. */
export const description: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom('路灯不亮，晚上很黑', '井盖松动', 'Broken street light', '垃圾没人清理 🗑️'),
  },
  { weight: 3, arbitrary: anyText },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'x'.repeat(4000), 'x'.repeat(4001), '路'.repeat(4001)) },
  { weight: 1, arbitrary: anyJson },
);

/** An optional field: absent or valid most of the time, hostile one time in `1 + valid` or so. */
const optional = (valid: fc.Arbitrary<unknown>, hostile: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 6, arbitrary: valid },
    { weight: 1, arbitrary: hostile },
  );

const READABLE = fc.constantFrom('川汇区七一路 12 号', '富民社区东门', 'Zhang San', '王小明', '');

/** The fields of a report as a JSON object (the category and its answers drawn together). */
export function reportObject(world: FuzzWorld): fc.Arbitrary<Record<string, unknown>> {
  return categoryCode(world).chain(({ code, category }) =>
    fc
      .tuple(
        fc.record({
          source: optional(fc.constant('resident'), fc.oneof(fc.constantFrom(...CASE_SOURCES), anyJson)),
          urgency: optional(fc.constantFrom('normal', 'urgent', 'critical'), anyJson),
          description: maybe(description, 16),
          answers: optional(answersFor(category), anyJson),
          location: maybe(location(world), 10),
          address: optional(
            fc.oneof(READABLE, fc.constant(null)),
            fc.oneof(hostileText(60), fc.constant('x'.repeat(201))),
          ),
          reporterName: optional(
            fc.oneof(READABLE, fc.constant(null)),
            fc.oneof(hostileText(30), fc.constant('名'.repeat(51))),
          ),
          reporterPhone: optional(fc.oneof(fc.stringMatching(/^1[3-9]\d{9}$/), fc.constant(null)), phone),
        }),
        sometimes(fc.dictionary(hostileText(15), anyJson, { maxKeys: 3 }), 12),
        // a missing category is a hostile input of its own: left out one time in thirty
        fc.nat({ max: 29 }),
      )
      .map(([fields, extra, dropCategory]) => {
        const out: Record<string, unknown> = {};
        if (dropCategory !== 0) out.categoryCode = code;
        for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
        return extra ? { ...out, ...extra } : out;
      }),
  );
}
