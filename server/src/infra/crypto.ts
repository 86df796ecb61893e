import { createHash, randomBytes } from 'node:crypto';

// The personal-data cipher and masking live in the personal-data module; they are re-exported here because
// infrastructure and older call sites import them from this file.
export { PersonalDataCipher } from '../modules/personal-data/cipher.ts';
export { mask } from '../modules/personal-data/mask.ts';

/** SHA-256 hex of a token, so stolen database rows cannot be replayed as sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A fresh random bearer/session token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
