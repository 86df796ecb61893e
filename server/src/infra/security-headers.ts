import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { servesHttps } from './public-url.ts';

type HeaderConfig = Pick<Config, 'publicUrl' | 'tileUrl'>;
type Directives = Record<string, string[]>;

/**
 * The origin of the raster base map (TILE_URL), as a CSP source. A `{s}`-style placeholder in the host name
 * (several tile servers, e.g. t0…t7.tianditu.gov.cn) becomes a `*.` wildcard for that label.
 */
export function tileOrigin(tileUrl: string | null): string | null {
  const m = tileUrl ? /^(https?:)\/\/([^/?#]+)/i.exec(tileUrl) : null;
  if (!m) return null;
  const host = m[2]!
    .split('.')
    .map((label, i) => (label.includes('{') ? (i === 0 ? '*' : null) : label))
    .filter((label): label is string => label !== null)
    .join('.');
  return `${m[1]!.toLowerCase()}//${host.toLowerCase()}`;
}

/**
 * The Content-Security-Policy of the console and the phone pages. What each allowance is for:
 * - scripts only from this origin: Vite emits module files, no inline script, no eval;
 * - `style-src 'unsafe-inline'`: Ant Design writes its CSS-in-JS into <style> tags at run time;
 * - `worker-src 'self'`: MapLibre's worker is a separate same-origin file set with setWorkerUrl (MapLibre wraps
 *   a worker in a blob: URL only for a cross-origin worker URL, which the console never uses);
 * - `img-src data: blob:`: the favicon and MapLibre's control icons are data: URIs, photo previews on the phone
 *   pages and decoded map tiles are blob: URLs; ECharts draws on a canvas and needs nothing;
 * - the TILE_URL origin in img-src and connect-src, because MapLibre fetches raster tiles;
 * - `frame-ancestors 'none'`: no page may frame the console (clickjacking);
 * - `upgrade-insecure-requests` only when PUBLIC_URL is https (on plain http it would break every request).
 */
export function consoleDirectives(config: HeaderConfig): Directives {
  const tiles = tileOrigin(config.tileUrl);
  const withTiles = (list: string[]) => (tiles ? [...list, tiles] : list);
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': withTiles(["'self'", 'data:', 'blob:']),
    'font-src': ["'self'", 'data:'],
    'connect-src': withTiles(["'self'"]),
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(servesHttps(config) ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * The policy of the Swagger UI at /docs: its bundle is same-origin script; it sets inline styles and shows
 * data: images (icons, the "try it out" responses). @fastify/swagger-ui sends it on its own routes only.
 */
export function docsDirectives(config: HeaderConfig): Directives {
  return {
    ...consoleDirectives({ ...config, tileUrl: null }),
    'worker-src': ["'none'"],
  };
}

/** A directives object as a header value, e.g. for @fastify/swagger-ui's `staticCSP` string. */
export function policyText(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

// The phone pages take photos (file input with capture) and read the location; nothing needs more.
const PERMISSIONS_POLICY = 'camera=(self), geolocation=(self), microphone=(), payment=(), usb=()';

/**
 * Security headers on every response (through @fastify/helmet): the CSP above, nosniff, no framing (CSP and
 * X-Frame-Options DENY), a Referrer-Policy that sends other sites the origin only (the tracking page has the
 * tracking code in its URL), same-origin resource and opener policies, and HSTS when PUBLIC_URL is https.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: HeaderConfig): Promise<void> {
  const https = servesHttps(config);
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: consoleDirectives(config) },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
  });
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });
}
