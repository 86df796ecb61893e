import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The headers a device call carries (docs/care-devices.md, "Signing a call"). */
export const DEVICE_HEADERS = {
  device: 'x-cg-device',
  timestamp: 'x-cg-timestamp',
  nonce: 'x-cg-nonce',
  signature: 'x-cg-signature',
} as const;

/** How far a call's timestamp may lie from the server's clock, either way. */
export const WINDOW_SECONDS = 300;

/** A nonce: 16–64 URL-safe characters, fresh for every call. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A fresh device key: shown once when the device is registered, then only its sealed form is kept. */
export function newDeviceKey(): string {
  return `cgdk_${randomBytes(32).toString('base64url')}`;
}

/**
 * The text a device signs: method, path (with its query, as sent), timestamp (unix seconds), nonce and the
 * SHA-256 of the raw body, one per line. Signing the body's hash rather than the body keeps the text short.
 */
export function canonicalText(
  method: string,
  path: string,
  timestamp: string,
  nonce: string,
  body: Buffer | string,
): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${nonce}\n${bodyHash}`;
}

/** HMAC-SHA256 of the canonical text under the device key, hex. */
export function signatureOf(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

/** Constant-time comparison of a signature received with the one expected. */
export function signatureMatches(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(received, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/**
 * The headers of a signed call, for device simulators, benchmarks and tests: what a device's firmware does
 * before every request.
 */
export function signedHeaders(
  device: { id: number; key: string },
  method: string,
  path: string,
  body: string,
  opts: { now?: Date; nonce?: string } = {},
): Record<string, string> {
  const timestamp = String(Math.floor((opts.now ?? new Date()).getTime() / 1000));
  const nonce = opts.nonce ?? randomBytes(16).toString('base64url');
  return {
    'content-type': 'application/json',
    [DEVICE_HEADERS.device]: String(device.id),
    [DEVICE_HEADERS.timestamp]: timestamp,
    [DEVICE_HEADERS.nonce]: nonce,
    [DEVICE_HEADERS.signature]: signatureOf(device.key, canonicalText(method, path, timestamp, nonce, body)),
  };
}
