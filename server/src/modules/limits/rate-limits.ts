import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { RetryLater } from '../../infra/errors.ts';
import type { LimitSettings, RateLimitName } from '../../infra/limit-config.ts';
import { AllowanceTable, addressKey } from './allowance-table.ts';

/** A limited route: its method and route pattern as registered, and the limit its requests count against. */
export interface LimitedRoute {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  limit: RateLimitName;
  /** the limit of a logged-in caller, counted per user; without it a logged-in caller uses `limit` per user */
  userLimit?: RateLimitName;
}

/**
 * Every rate-limited route, in one place. Anonymous callers are counted per address, logged-in callers per
 * user (so an office behind one address is not refused as a whole). Routes of one limit share one allowance:
 * a tracking code guessed through /api/track and through Open311's tokens counts once.
 */
export const LIMITED_ROUTES: readonly LimitedRoute[] = [
  { method: 'POST', url: '/api/cases', limit: 'intake', userLimit: 'intake_user' },
  { method: 'POST', url: '/open311/v2/requests.json', limit: 'open311_post' },
  { method: 'POST', url: '/open311/v2/requests.xml', limit: 'open311_post' },
  { method: 'POST', url: '/open311/v2/servicerequestupdates.json', limit: 'open311_post' },
  { method: 'POST', url: '/open311/v2/servicerequestupdates.xml', limit: 'open311_post' },
  { method: 'GET', url: '/api/track/:code', limit: 'code_lookup' },
  { method: 'GET', url: '/open311/v2/tokens/:file', limit: 'code_lookup' },
  { method: 'GET', url: '/api/follows/:followerCode', limit: 'code_lookup' },
  { method: 'DELETE', url: '/api/follows/:followerCode', limit: 'code_lookup' },
  { method: 'POST', url: '/api/track/:code/:action', limit: 'code_action' },
  { method: 'POST', url: '/api/follows', limit: 'follow' },
  { method: 'GET', url: '/api/cases/duplicates', limit: 'duplicates' },
  { method: 'GET', url: '/api/nearby', limit: 'duplicates' },
  { method: 'GET', url: '/api/public/grid-outlines', limit: 'duplicates' },
  { method: 'GET', url: '/api/public/directory', limit: 'duplicates' },
  { method: 'GET', url: '/api/public/place', limit: 'duplicates' },
  // the elder's check-in link: a 192-bit secret, counted like the other secrets anyone may try
  { method: 'POST', url: '/api/care/checkin/status', limit: 'code_lookup' },
  { method: 'POST', url: '/api/care/checkin', limit: 'code_action' },
  { method: 'POST', url: '/api/auth/login', limit: 'login' },
];

/** Who a request is counted as: the logged-in user, or the address of an anonymous caller. */
function callerKey(req: FastifyRequest): { key: string; user: boolean } {
  const actor = req.actorOrNull;
  return actor ? { key: `user:${actor.userId}`, user: true } : { key: addressKey(req.ip), user: false };
}

/**
 * Installs the request-rate limits of LIMITED_ROUTES: each listed route gets an onRequest hook (after the
 * caller is resolved, before the body is read) that answers 429 RATE_LIMITED with Retry-After, in the
 * caller's language, once its caller has used up the allowance. Counters live in this process's memory
 * (see docs/limits.md). Must be called before the routes are declared.
 */
export function registerRateLimits(app: FastifyInstance, settings: LimitSettings): void {
  const tables = new Map<RateLimitName, AllowanceTable>();
  const tableOf = (name: RateLimitName) => {
    let table = tables.get(name);
    if (!table) {
      table = new AllowanceTable(settings.rate[name]);
      tables.set(name, table);
    }
    return table;
  };
  const hookFor = (rule: LimitedRoute): onRequestAsyncHookHandler =>
    async function rateLimit(req) {
      const { key, user } = callerKey(req);
      const wait = tableOf(user ? (rule.userLimit ?? rule.limit) : rule.limit).take(key);
      if (wait > 0) throw new RetryLater('RATE_LIMITED', 429, wait);
    };
  const rules = new Map(LIMITED_ROUTES.map((r) => [`${r.method} ${r.url}`, r]));

  app.addHook('onRoute', (route) => {
    // HEAD routes Fastify adds for every GET count as that GET
    const methods = [route.method].flat().map((m) => (m === 'HEAD' ? 'GET' : m));
    const rule = methods.map((m) => rules.get(`${m} ${route.url}`)).find(Boolean);
    if (!rule) return;
    route.onRequest = [...[route.onRequest ?? []].flat(), hookFor(rule)];
  });
}
