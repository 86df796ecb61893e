import { randomBytes } from 'node:crypto';

/** A follower code: 24 URL-safe characters (144 random bits), never the length of a handle (22). */
export const FOLLOWER_CODE_PATTERN = '^[A-Za-z0-9_-]{24}$';

/**
 * A new read-only follower code for an anonymous follower. It is kept on the resident's phone only; the
 * server stores its SHA-256 (hashToken), like session tokens, so a copy of the database cannot use it.
 */
export function newFollowerCode(): string {
  return randomBytes(18).toString('base64url');
}
