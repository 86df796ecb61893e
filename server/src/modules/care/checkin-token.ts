import { createHash, randomBytes } from 'node:crypto';

/** A new secret for an elder's check-in link and the hash kept of it (the secret itself is never stored). */
export function newCheckinToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashCheckinToken(token) };
}

/** The stored form of a check-in secret: its SHA-256, hex (the secret has 192 random bits, no salt needed). */
export function hashCheckinToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
