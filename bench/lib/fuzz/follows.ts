import fc from 'fast-check';
import { commonHeaders, jsonPost } from './bodies.ts';
import { anyJson, asText, hostileText, maybe, numberText, sometimes } from './hostile.ts';
import { encodePart, type FuzzAnswer, queryString } from './http.ts';
import type { Ledger } from './ledger.ts';
import { categoryCode } from './report-fields.ts';
import type { Endpoint, FuzzInput } from './runner.ts';
import type { FuzzWorld, Harvest } from './seed.ts';

/** GET /api/cases/duplicates: a category and a point, valid or not, repeated or missing. */
export function duplicates(world: FuzzWorld, runs: number): Endpoint {
  const b = world.box;
  const coordinate = (min: number, max: number) =>
    fc.oneof(
      { weight: 8, arbitrary: fc.double({ min, max, noNaN: true }).map(String) },
      { weight: 3, arbitrary: numberText },
    );
  const inputs = fc
    .tuple(
      fc.record({
        category: maybe(
          categoryCode(world).map((c) => asText(c.code)),
          12,
        ),
        lat: maybe(coordinate(b.minLat, b.maxLat), 12),
        lng: maybe(coordinate(b.minLng, b.maxLng), 12),
      }),
      // a parameter repeated (an array to the schema) or one the route does not know, now and then
      sometimes(fc.tuple(fc.constantFrom('lat', 'lng', 'category', 'radius', 'limit'), hostileText(10)), 6),
      commonHeaders([world.residentCookie]),
    )
    .map(([named, extra, headers]): FuzzInput => {
      const pairs = [
        ...Object.entries(named).filter((e): e is [string, string] => e[1] !== undefined),
        ...(extra ? [extra] : []),
      ];
      return {
        request: { method: 'GET', path: `/api/cases/duplicates?${queryString(pairs)}`, headers },
        label: `duplicates ${pairs.map(([k]) => k).join(',')}`,
      };
    });
  return { name: 'GET /api/cases/duplicates', runs, inputs };
}

/** A follow handle: of a followable case, of one nobody may follow, well-formed but forged, or junk. */
function handle(world: FuzzWorld): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...world.handles.followable) },
    { weight: 3, arbitrary: fc.constantFrom(...world.handles.unfollowable) },
    { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{22}$/) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...world.handles.followable)
        .map((h) => `${h.slice(0, 21)}${h[21] === 'A' ? 'B' : 'A'}`),
    },
    { weight: 2, arbitrary: anyJson },
  );
}

/** POST /api/follows: follow a case by its handle, anonymously (a follower code) or as the resident. */
export function follow(world: FuzzWorld, harvest: Harvest, runs: number): Endpoint {
  const body = fc
    .tuple(handle(world), sometimes(fc.dictionary(hostileText(10), anyJson, { maxKeys: 2 }), 10))
    .map(([h, extra]) => ({ handle: h, ...(extra ?? {}) }));
  const inputs = jsonPost(body, commonHeaders([world.residentCookie])).map(
    ({ body: raw, headers: h, shape }): FuzzInput => {
      return {
        request: { method: 'POST', path: '/api/follows', headers: h, body: raw },
        label: `follow ${shape}`,
        accepted: (answer: FuzzAnswer, ledger: Ledger) => {
          const sent = JSON.parse(raw.toString().replace(/^\uFEFF/, '')) as { handle: string };
          const caseId = world.handleIds.get(sent.handle);
          const data = (JSON.parse(answer.body) as { data: { followerCode?: string } }).data;
          if (caseId === undefined) {
            ledger.anomalies.push(`follow accepted for a handle of no followable case: ${sent.handle}`);
            return;
          }
          if (data.followerCode) {
            ledger.followCodes.push(caseId);
            harvest.followerCodes.push(data.followerCode);
          } else if (h.cookie === world.residentCookie)
            ledger.accountFollows.add(`${caseId} ${world.residentId}`);
          else
            ledger.anomalies.push(
              `follow accepted with neither a follower code nor an account: ${answer.body}`,
            );
        },
      };
    },
  );
  return { name: 'POST /api/follows', runs, inputs };
}

/** GET /api/follows/:followerCode, the public view of a followed case. */
export function followView(world: FuzzWorld, harvest: Harvest, runs: number): Endpoint {
  const codes = harvest.followerCodes.length ? harvest.followerCodes.slice(0, 1000) : ['A'.repeat(24)];
  const inputs = fc
    .tuple(
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...codes) },
        { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{24}$/) },
        { weight: 1, arbitrary: fc.constantFrom(...world.handles.followable) },
        { weight: 2, arbitrary: hostileText(30).map(encodePart) },
        { weight: 1, arbitrary: fc.constantFrom('cases', 'cases/x', '%00', 'a'.repeat(3000)) },
      ),
      commonHeaders([world.residentCookie]),
    )
    .map(
      ([code, headers]): FuzzInput => ({
        request: { method: 'GET', path: `/api/follows/${code}`, headers },
        label: 'follower code',
      }),
    );
  return { name: 'GET /api/follows/:followerCode', runs, inputs };
}
