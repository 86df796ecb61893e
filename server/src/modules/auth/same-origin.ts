import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../infra/config.ts';
import { AppError } from '../../infra/errors.ts';
import { publicOrigin } from '../../infra/public-url.ts';
import { SESSION_COOKIE } from './plugin.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request the session cookie authenticates: it carries the cookie and no bearer token (which wins). */
function cookieAuthenticated(req: FastifyRequest): boolean {
  if (req.headers.authorization?.startsWith('Bearer ')) return false;
  return req.cookies[SESSION_COOKIE] !== undefined;
}

/** The `scheme://host[:port]` of a header value, or null when it is not a URL (e.g. `Origin: null`). */
function originOf(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Whether the browser says the request came from the console's own pages. Evidence, strongest first:
 * Sec-Fetch-Site (set by the browser, cannot be scripted), Origin, then Referer. With PUBLIC_URL the origin
 * must be exactly the console's; without it, the host must be the one the request was sent to (the scheme
 * may differ behind a TLS-terminating proxy). A request carrying none of the three is not from a browser page
 * (curl, server-to-server calls, app.inject in tests): a cross-site form or script cannot suppress them all,
 * because browsers send Origin on every cross-origin POST/PUT/PATCH/DELETE, so it is let through.
 */
export function fromOwnOrigin(req: FastifyRequest, config: Pick<Config, 'publicUrl'>): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const claimed = req.headers.origin ?? (site === undefined ? req.headers.referer : undefined);
  if (claimed === undefined) return true;
  const url = originOf(claimed);
  if (!url) return false;
  const expected = publicOrigin(config);
  return expected ? url.origin === expected : url.host === req.host;
}

/**
 * Refuses cookie-authenticated state changes under /api/ that another site started (cross-site request
 * forgery): 403 ORIGIN_FORBIDDEN. The SameSite=Lax cookie already keeps most of them out; this also covers
 * same-site neighbours (another subdomain) and browsers without SameSite. Bearer-token and anonymous requests
 * carry no ambient credential, so they are not checked.
 */
export function registerSameOriginCheck(app: FastifyInstance, config: Pick<Config, 'publicUrl'>): void {
  app.addHook('onRequest', async (req) => {
    if (!STATE_CHANGING.has(req.method) || !req.url.startsWith('/api/')) return;
    if (cookieAuthenticated(req) && !fromOwnOrigin(req, config)) throw new AppError('ORIGIN_FORBIDDEN', 403);
  });
}
