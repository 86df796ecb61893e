import fc from 'fast-check';
import { commonHeaders, jsonPost } from './bodies.ts';
import { anyJson, hostileText, maybe, orHostile, sometimes } from './hostile.ts';
import { encodePart, type FuzzAnswer } from './http.ts';
import type { Ledger } from './ledger.ts';
import type { Endpoint, FuzzInput } from './runner.ts';
import type { FuzzWorld, Harvest, KnownCase } from './seed.ts';

/**
 * A tracking code as a path segment: a real one (closed, open, rejected, 暗访, or one an accepted report was
 * given), one of the right shape that names nothing, a real one with its case changed, or hostile text.
 */
function trackingCode(
  world: FuzzWorld,
  harvest: Harvest,
): fc.Arbitrary<{ segment: string; known?: KnownCase }> {
  const closed = [...world.closedWithPhone, ...world.closedWithoutPhone, ...world.closedOwn];
  const others = [...world.open, ...world.rejected, ...world.internal];
  const created = [...harvest.codes.keys()].filter((c) => !closed.some((k) => k.code === c)).slice(0, 500);
  const as = (c: KnownCase) => ({ segment: c.code, known: c });
  return fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...closed).map(as) },
    { weight: 3, arbitrary: fc.constantFrom(...others).map(as) },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(...(created.length ? created : ['CG0000-AAAAAA']))
        .map((segment) => ({ segment })),
    },
    { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9-]{6,20}$/).map((segment) => ({ segment })) },
    { weight: 1, arbitrary: fc.constantFrom(...closed).map((c) => ({ segment: c.code.toLowerCase() })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(hostileText(30), fc.constantFrom('..', '%2e%2e', 'CG0000-000000/../../x', 'a'.repeat(5000)))
        .map((t) => ({ segment: t.startsWith('%') ? t : encodePart(t) })),
    },
  );
}

/** GET /api/track/:code, the reporter's tracking page. */
export function trackGet(world: FuzzWorld, harvest: Harvest, runs: number): Endpoint {
  const inputs = fc
    .tuple(
      trackingCode(world, harvest),
      commonHeaders([world.residentCookie]),
      fc.constantFrom('', '', '', '?x=1', '?code=a', '/'),
    )
    .map(
      ([code, headers, tail]): FuzzInput => ({
        request: { method: 'GET', path: `/api/track/${code.segment}${tail}`, headers },
        label: `track ${code.known ? 'known' : 'other'}`,
      }),
    );
  return { name: 'GET /api/track/:code', runs, inputs };
}

/** The phone number sent with a rating: the reporter's (in several spellings), a wrong one, none, junk. */
function phoneFor(c: KnownCase | undefined): fc.Arbitrary<unknown> {
  const right = c?.phone;
  const spellings = right
    ? [right, `+86 ${right}`, `0086-${right}`, `${right.slice(0, 3)} ${right.slice(3, 7)} ${right.slice(7)}`]
    : [];
  return fc.oneof(
    {
      weight: spellings.length ? 8 : 0,
      arbitrary: fc.constantFrom(...(spellings.length ? spellings : ['x'])),
    },
    { weight: 3, arbitrary: fc.constantFrom('13800009999', '', ' ', '+86', '0'.repeat(30), '1'.repeat(31)) },
    { weight: 2, arbitrary: orHostile(hostileText(30), 2) },
  );
}

/** The body of a rating or a reopening: valid mostly, with every other transition field now and then. */
function actionBody(c: KnownCase | undefined): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.record({
        rating: maybe(orHostile(fc.constantFrom('satisfied', 'basic', 'dissatisfied'), 8), 4),
        comment: maybe(fc.oneof(hostileText(60), fc.constant('x'.repeat(501)), anyJson), 1),
        reason: maybe(
          fc.oneof(fc.constant('问题没有解决'), hostileText(60), fc.constant('x'.repeat(2001))),
          3,
        ),
        phone: maybe(phoneFor(c), 6),
      }),
      sometimes(
        fc.record(
          {
            note: hostileText(20),
            notePublic: fc.oneof(fc.boolean(), anyJson),
            unitId: fc.oneof(fc.nat(), anyJson),
            masterId: fc.integer(),
            level: fc.constantFrom('red', 'x'),
            newDeadlineAt: fc.constantFrom('2030-01-01T00:00:00Z', 'soon'),
          },
          { requiredKeys: [] },
        ),
        8,
      ),
      sometimes(fc.dictionary(hostileText(10), anyJson, { maxKeys: 2 }), 12),
    )
    .map(([main, staff, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries({ ...main, ...staff, ...extra })) if (v !== undefined) out[k] = v;
      return out;
    });
}

/** POST /api/track/:code/:action, rating or sending back a case with its tracking code (and phone). */
export function trackAction(world: FuzzWorld, harvest: Harvest, runs: number): Endpoint {
  const inputs = trackingCode(world, harvest).chain((code) =>
    fc
      .tuple(
        fc.oneof(
          { weight: 10, arbitrary: fc.constantFrom('rate', 'reopen') },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              'close',
              'check_pass',
              'RATE',
              'rate/',
              '',
              '..',
              encodePart('rate\u0000'),
            ),
          },
        ),
        jsonPost(actionBody(code.known), commonHeaders([world.residentCookie])),
      )
      .map(([action, { body, headers, shape }]): FuzzInput => {
        return {
          request: { method: 'POST', path: `/api/track/${code.segment}/${action}`, headers, body },
          label: `track ${action} ${code.known ? 'known' : 'other'} ${shape}`,
          accepted: (_answer: FuzzAnswer, ledger: Ledger) => {
            const id = harvest.codes.get(code.segment.toUpperCase());
            if (id === undefined) {
              ledger.anomalies.push(`accepted ${action} for a code nobody was given: ${code.segment}`);
              return;
            }
            // the server parsed the body; the last of duplicate keys wins there as in JSON.parse
            const sent = JSON.parse(body.toString().replace(/^\uFEFF/, '')) as { rating?: string };
            ledger.acted(id, action as 'rate' | 'reopen', sent.rating);
          },
        };
      }),
  );
  return { name: 'POST /api/track/:code/:action', runs, inputs };
}
