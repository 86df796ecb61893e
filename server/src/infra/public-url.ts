import type { FastifyRequest } from 'fastify';
import type { Config } from './config.ts';

type PublicUrlConfig = Pick<Config, 'publicUrl'>;

/** True when people reach the console over HTTPS (PUBLIC_URL starts with https://): HSTS, Secure cookies. */
export function servesHttps(config: PublicUrlConfig): boolean {
  return config.publicUrl?.startsWith('https://') ?? false;
}

/** The console's origin (`https://host[:port]`) from PUBLIC_URL, or null when PUBLIC_URL is unset. */
export function publicOrigin(config: PublicUrlConfig): string | null {
  return config.publicUrl ? new URL(config.publicUrl).origin : null;
}

/**
 * The base of absolute links the server hands to others (Open311 discovery, media_url): PUBLIC_URL when set,
 * because the Host header is whatever the client wrote; otherwise the request's own scheme and host (which
 * honour X-Forwarded-Proto/-Host only when TRUST_PROXY says the proxy is trusted).
 */
export function baseUrlOf(req: FastifyRequest, config: PublicUrlConfig): string {
  return config.publicUrl ?? `${req.protocol}://${req.host}`;
}
