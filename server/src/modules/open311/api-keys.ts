import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { hashToken } from '../../infra/crypto.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition } from '../auth/policy.ts';

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
  /** the district whose administrators manage the key (null: every district-wide administrator) */
  scopeCode: string | null;
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
    k.created_at as "createdAt", k.revoked_at as "revokedAt", k.scope_code as "scopeCode"
  from open311_keys k left join users u on u.id = k.created_by`;

/** The keys an administrator manages: those of the districts they administer, and keys of no district. */
function managedBy(actor: Actor) {
  return sql`(k.scope_code is null or (${scopeCondition(actor, 'org.manage', sql`k.scope_code`)}))`;
}

/** The keys the actor manages, newest first, revoked ones included (with their revocation time). */
export function listApiKeys(db: Db, actor: Actor): Promise<ApiKeyView[]> {
  return rows<ApiKeyView>(db, sql`${VIEW} where ${managedBy(actor)} order by k.id desc`);
}

/** One key by id, or null; given an actor, only a key they manage (another district's answers as missing). */
export function findApiKey(db: Db, id: number, actor?: Actor): Promise<ApiKeyView | null> {
  return one<ApiKeyView>(db, sql`${VIEW} where k.id = ${id} ${actor ? sql`and ${managedBy(actor)}` : sql``}`);
}
