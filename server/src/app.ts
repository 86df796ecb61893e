import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './infra/config.ts';
import type { Database } from './infra/db.ts';
import { frameworkErrors, registerErrorHandler } from './infra/errors.ts';
import { registerFiniteNumbers } from './infra/finite-numbers.ts';
import { metricsRoute } from './infra/metrics-route.ts';
import { registerReadRouting } from './infra/read-replica-hooks.ts';
import { HTTP_SERVER_OPTIONS } from './infra/request-head.ts';
import { REQUEST_ID_OPTIONS, registerRequestTelemetry } from './infra/request-telemetry.ts';
import { docsDirectives, policyText, registerSecurityHeaders } from './infra/security-headers.ts';
import { registerTextCheck } from './infra/text-input.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { registerAuth } from './modules/auth/plugin.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { registerSameOriginCheck } from './modules/auth/same-origin.ts';
import { buildingRoutes } from './modules/buildings/routes.ts';
import { bulletinRoutes } from './modules/bulletins/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { careModule } from './modules/care/module.ts';
import { careDeviceRoutes } from './modules/care-devices/routes.ts';
import { caseReportRoutes } from './modules/case-reports/routes.ts';
import { caseStatsRoutes } from './modules/case-stats/routes.ts';
import { caseRoutes } from './modules/cases/routes.ts';
import { trackRoutes } from './modules/cases/track-routes.ts';
import { categoryRoutes } from './modules/categories/routes.ts';
import { directoryRoutes } from './modules/directory/routes.ts';
import { doorPlateRoutes } from './modules/door-plates/routes.ts';
import { fiveStarRoutes } from './modules/five-star/routes.ts';
import { followRoutes } from './modules/follows/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { inspectionRoutes } from './modules/inspections/routes.ts';
import { registerRateLimits } from './modules/limits/rate-limits.ts';
import { nearbyRoutes } from './modules/nearby/routes.ts';
import { notifyRoutes } from './modules/notify/routes.ts';
import { open311Routes } from './modules/open311/routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { peopleModule } from './modules/people/module.ts';
import { photoRoutes } from './modules/photos/routes.ts';
import { placeRoutes } from './modules/places/routes.ts';
import { rectificationRoutes } from './modules/rectifications/routes.ts';
import { scoreRoutes } from './modules/scores/routes.ts';
import { screenRoutes } from './modules/screen/routes.ts';
import { settingsRoutes } from './modules/settings/routes.ts';
import { supervisionSettingsRoutes } from './modules/supervision-settings/routes.ts';
import { unitRoutes } from './modules/units/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { visitRoutes } from './modules/visits/routes.ts';
import { volunteersModule } from './modules/volunteers/module.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  logger?: boolean;
  /** told of every route as it is declared, hidden ones included (the authorization matrix lists them) */
  onRoute?: (route: RouteOptions) => void;
  /** where the log lines go instead of stdout (a benchmark or fuzz run reads the server's errors from it) */
  logStream?: DestinationStream;
}

/** Builds the Fastify app: infrastructure plugins first, then the feature modules, then the web app. */
export async function buildApp({
  config,
  database,
  logger = true,
  onRoute,
  logStream,
}: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel, ...(logStream ? { stream: logStream } : {}) } : false,
    trustProxy: trustProxyOption(config.trustProxy),
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
    frameworkErrors,
    http: HTTP_SERVER_OPTIONS,
    ...REQUEST_ID_OPTIONS,
  });
  registerRequestTelemetry(app);
  registerFiniteNumbers(app);
  if (onRoute) app.addHook('onRoute', onRoute);
  await registerSecurityHeaders(app, config);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'CivicGrid API',
        version: '0.1.0',
        description: 'Grid-based civic governance (网格化管理)',
      },
      components: {
        securitySchemes: {
          cookie: { type: 'apiKey', in: 'cookie', name: 'cg_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ cookie: [] }, { bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: policyText(docsDirectives(config)),
  });
  registerErrorHandler(app);
  registerAuth(app, database.db);
  registerSameOriginCheck(app, config);
  registerTextCheck(app);
  // before the routes: it hooks the rate-limited ones as they are declared (modules/limits)
  registerRateLimits(app, config.limits);

  // with a read replica, read-only requests read from it (infra/read-replica.ts); auth stays on the primary
  if (database.reads) registerReadRouting(app, database.reads, config.readMaxLagMs ?? 2_000);
  const db = database.reads?.db ?? database.db;
  healthRoutes(app, database, config);
  authRoutes(app, db, config);
  userRoutes(app, db);
  orgRoutes(app, db);
  unitRoutes(app, db);
  auditRoutes(app, db);
  categoryRoutes(app, db);
  calendarRoutes(app, db);
  photoRoutes(app, db, config);
  caseRoutes(app, db, config);
  trackRoutes(app, db, config);
  followRoutes(app, db, config);
  caseReportRoutes(app, db, config);
  caseStatsRoutes(app, db);
  notifyRoutes(app, db, config);
  open311Routes(app, db, config);
  scoreRoutes(app, db);
  bulletinRoutes(app, db);
  inspectionRoutes(app, db, config);
  rectificationRoutes(app, db, config);
  peopleModule(app, db, config);
  visitRoutes(app, db, config);
  doorPlateRoutes(app, db, config);
  volunteersModule(app, db, config);
  settingsRoutes(app, db);
  supervisionSettingsRoutes(app, db);
  buildingRoutes(app, db);
  nearbyRoutes(app, db);
  placeRoutes(app, db);
  metricsRoute(app, database, config.metricsToken ?? null);
  careDeviceRoutes(app, db, config);
  careModule(app, db, config);
  fiveStarRoutes(app, db, config);
  directoryRoutes(app, db);
  screenRoutes(app, db);

  await serveWebApp(app, config.webDist);
  return app;
}

/**
 * Fastify's trustProxy for TRUST_PROXY: forwarding headers count only from the proxies it names (off by
 * default). Fastify refuses a bare hop count, so a count is Express's rule: trust the nearest N hops, which
 * is right only when clients cannot reach the server except through those proxies.
 */
function trustProxyOption(
  setting: Config['trustProxy'],
): boolean | string[] | ((a: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

/** Serves the built console from the same port, with client-side routes falling back to index.html. */
async function serveWebApp(app: FastifyInstance, dist: string): Promise<void> {
  if (!existsSync(path.join(dist, 'index.html'))) return;
  await app.register(fastifyStatic, { root: dist, wildcard: false, index: false });
  const spa = (url: string) =>
    !url.startsWith('/api/') && !url.startsWith('/docs') && !path.extname(url.split('?')[0]!);
  // the phone pages (/m/…) are a separate, lighter entry without the desktop console's UI kit
  const mobile = existsSync(path.join(dist, 'm', 'index.html'));
  const entryOf = (url: string) =>
    mobile && (url === '/m' || url.startsWith('/m/')) ? 'm/index.html' : 'index.html';
  app.get('/', (_req, reply) => reply.sendFile('index.html'));
  app.get('/*', (req, reply) => {
    if (spa(req.url)) return reply.sendFile(entryOf(req.url.split('?')[0]!));
    return reply.callNotFound();
  });
}
