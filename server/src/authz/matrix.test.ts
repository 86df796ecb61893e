import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.ts';
import { REGISTRY } from './fixtures/index.ts';
import { fixturesOf } from './registry.ts';
import { documentedRoutes, matrixApp, NOT_IN_MATRIX } from './routes.ts';
import { runFixture } from './run-cell.ts';
import { buildWorld, type World } from './world.ts';

let w: World;
let declared: string[];
let base: string;

beforeAll(async () => {
  const built = await matrixApp();
  declared = built.declared;
  w = await buildWorld(built.app, (await testDatabase()).db);
  // the live stream is read over a real connection
  base = await built.app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await w?.app.close();
});

describe('the authorization matrix', () => {
  it('has an entry for every route of the OpenAPI document, and none for a route that is gone', () => {
    const documented = documentedRoutes(w.app);
    const missing = documented.filter((r) => !REGISTRY[r]);
    const gone = Object.keys(REGISTRY).filter((r) => !documented.includes(r));
    expect(missing, `routes without a matrix entry (authz/fixtures):\n${missing.join('\n')}`).toEqual([]);
    expect(gone, `matrix entries for routes the API no longer has:\n${gone.join('\n')}`).toEqual([]);
  });

  it('hides no route from the OpenAPI document but those NOT_IN_MATRIX names', () => {
    const documented = new Set(documentedRoutes(w.app));
    const hidden = declared.filter((r) => !documented.has(r) && !NOT_IN_MATRIX[r]);
    expect(hidden, `hidden routes not in NOT_IN_MATRIX (authz/routes.ts):\n${hidden.join('\n')}`).toEqual([]);
  });

  it('gives every entry an in-scope and an out-of-scope fixture', () => {
    const problems = Object.entries(REGISTRY).flatMap(([route, entry]) =>
      fixturesOf(entry).problems.map((p) => `${route}: ${p}`),
    );
    expect(problems, problems.join('\n')).toEqual([]);
  });

  for (const [route, entry] of Object.entries(REGISTRY)) {
    it(`${route}: every caller gets the status the policy gives, and nothing of another scope`, async () => {
      const problems: string[] = [];
      for (const fixture of fixturesOf(entry).fixtures)
        problems.push(...(await runFixture(w, route, entry, fixture, base)));
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }
});
