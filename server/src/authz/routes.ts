import type { FastifyInstance, RouteOptions } from 'fastify';
import { testConfig, testDatabase } from '../../test/database.ts';
import { buildApp } from '../app.ts';
import { MATRIX_METRICS_TOKEN } from './fixtures/metrics.ts';
import { HOOK_HOSTS } from './world-objects.ts';

/**
 * Routes the app declares that the OpenAPI document hides, left out of the matrix on purpose. Nothing else
 * may be hidden: a hidden route not named here fails the matrix.
 */
export const NOT_IN_MATRIX: Record<string, string> = {
  // the API documentation (Swagger UI and the OpenAPI document itself): static, public by design, no data
  'GET /docs': 'the API documentation',
  'GET /docs/': 'the API documentation',
  'GET /docs/static/index.html': 'the API documentation',
  'GET /docs/static/swagger-initializer.js': 'the API documentation',
  'GET /docs/static/*': 'the API documentation',
  'GET /docs/json': 'the OpenAPI document',
  'GET /docs/yaml': 'the OpenAPI document',
  // Open311's catch-all: every unknown path under the prefix answers the spec's 404 and reads nothing
  '* /open311/v2/*': 'the Open311 404 for unknown paths',
};

/** "METHOD /path" as the OpenAPI document spells paths ({param}). */
export function routeKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

/**
 * The app the matrix runs against, with every route it declares (hidden ones included). Fastify answers HEAD
 * with the GET handler, so HEAD routes are not listed separately; a route for every method is one key '*'.
 */
export async function matrixApp(): Promise<{ app: FastifyInstance; declared: string[] }> {
  const declared = new Set<string>();
  const onRoute = (r: RouteOptions) => {
    const methods = [r.method].flat().filter((m) => m !== 'HEAD');
    if (methods.length > 5) declared.add(routeKey('*', r.url ?? ''));
    else for (const m of methods) declared.add(routeKey(m, r.url ?? ''));
  };
  const app = await buildApp({
    config: testConfig({ webhookAllowHosts: HOOK_HOSTS, metricsToken: MATRIX_METRICS_TOKEN }),
    database: await testDatabase(),
    logger: false,
    onRoute,
  });
  await app.ready();
  return { app, declared: [...declared].sort() };
}

/** Every route the OpenAPI document lists. */
export function documentedRoutes(app: FastifyInstance): string[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const out: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) if (method !== 'head') out.push(`${method.toUpperCase()} ${path}`);
  }
  return out.sort();
}
