import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { hashToken } from '../../infra/crypto.ts';
import { type Db, one, rows } from '../../infra/db.ts';

/** Who sent a POST: the table row of the key (null for a key from OPEN311_API_KEYS) and its idempotency scope. */
export interface ApiKeyIdentity {
  keyId: number | null;
  scope: string;
}

/** A key as administrators see it; the key itself is shown once, at creation, and never stored. */
export interface ApiKeyView {
  id: number;
  name: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** A fresh API key: 32 random bytes, prefixed so a leaked key is recognisable in logs and scanners. */
export function newApiKey(): string {
  return `o311_${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a key (SHA-256 hex, like session tokens). */
export const hashApiKey = (key: string): string => hashToken(key);

function sameHash(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

/**
 * Resolves an api_key: one of the configured start-up keys, or an unrevoked key from the table; null when
 * missing, unknown or revoked (the caller answers 403).
 */
export async function resolveApiKey(
  db: Db,
  configured: readonly string[],
  key: string | undefined,
): Promise<ApiKeyIdentity | null> {
  if (!key) return null;
  const hash = hashApiKey(key);
  // compare every configured key, in constant time each, so timing does not tell how much of a key matched
  const fromEnv = configured.map(hashApiKey).filter((h) => sameHash(h, hash));
  if (fromEnv.length) return { keyId: null, scope: `open311:env-${hash.slice(0, 12)}` };
  const row = await one<{ id: number }>(
    db,
    sql`select id from open311_keys where key_hash = ${hash} and revoked_at is null`,
  );
  return row ? { keyId: row.id, scope: `open311:${row.id}` } : null;
}

const VIEW = sql`select k.id, k.name, k.created_by as "createdBy", u.display_name as "createdByName",
    k.created_at as "createdAt", k.revoked_at as "revokedAt"
  from open311_keys k left join users u on u.id = k.created_by`;

/** Every key, newest first, revoked ones included (with their revocation time). */
export function listApiKeys(db: Db): Promise<ApiKeyView[]> {
  return rows<ApiKeyView>(db, sql`${VIEW} order by k.id desc`);
}

/** One key by id, or null. */
export function findApiKey(db: Db, id: number): Promise<ApiKeyView | null> {
  return one<ApiKeyView>(db, sql`${VIEW} where k.id = ${id}`);
}
