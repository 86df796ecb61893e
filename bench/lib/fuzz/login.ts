import fc from 'fast-check';
import { commonHeaders, jsonPost } from './bodies.ts';
import { anyJson, hostileText, maybe, orHostile, sometimes } from './hostile.ts';
import type { FuzzAnswer } from './http.ts';
import type { Ledger } from './ledger.ts';
import type { Endpoint, FuzzInput } from './runner.ts';
import type { FuzzWorld } from './seed.ts';

/**
 * POST /api/auth/login: demo accounts with the right password (a session each) or a wrong one, names that
 * do not exist, case variants, over-long and hostile values, wrong types.
 */
export function login(world: FuzzWorld, runs: number): Endpoint {
  const body = fc
    .tuple(
      fc.record({
        username: maybe(
          fc.oneof(
            { weight: 10, arbitrary: fc.constantFrom(...world.usernames) },
            { weight: 2, arbitrary: fc.constantFrom(...world.usernames).map((u) => u.toUpperCase()) },
            { weight: 3, arbitrary: orHostile(hostileText(30), 3) },
            { weight: 1, arbitrary: fc.constantFrom('', 'x'.repeat(65), "admin' --", 'admin\u0000') },
          ),
          12,
        ),
        password: maybe(
          fc.oneof(
            { weight: 6, arbitrary: fc.constant(world.password) },
            { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
            { weight: 2, arbitrary: orHostile(hostileText(30), 2) },
            {
              weight: 1,
              arbitrary: fc.constantFrom(
                '',
                'p'.repeat(201),
                `${world.password}\u0000`,
                ` ${world.password}`,
              ),
            },
          ),
          12,
        ),
      }),
      sometimes(fc.dictionary(hostileText(10), anyJson, { maxKeys: 2 }), 10),
    )
    .map(([fields, extra]) => {
      const out: Record<string, unknown> = { ...extra };
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
      return out;
    });
  const inputs = jsonPost(body, commonHeaders([world.residentCookie])).map(
    ({ body: raw, headers: h, shape }): FuzzInput => {
      return {
        request: { method: 'POST', path: '/api/auth/login', headers: h, body: raw },
        label: `login ${shape}`,
        accepted: (_answer: FuzzAnswer, ledger: Ledger) => {
          ledger.sessions++;
        },
      };
    },
  );
  return { name: 'POST /api/auth/login', runs, inputs };
}
