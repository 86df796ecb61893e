import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { type ApiKeyView, findApiKey } from '../api-keys.ts';

/**
 * Revokes a key so POSTs with it get 403 from now on; audited. Revoking a revoked key changes nothing and
 * answers the key as it is; null when there is no such key.
 */
export async function revokeApiKey(
  db: Db,
  id: number,
  by: { actorId: string; ip: string | null },
): Promise<ApiKeyView | null> {
  await db.transaction(async (tx) => {
    const row = await one<{ name: string; revokedAt: Date; scopeCode: string | null }>(
      tx,
      sql`update open311_keys set revoked_at = now() where id = ${id} and revoked_at is null
          returning name, revoked_at as "revokedAt", scope_code as "scopeCode"`,
    );
    if (!row) return;
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'open311_key.revoke',
      entity: 'open311_key',
      entityId: id,
      scopeCode: row.scopeCode,
      before: { name: row.name, revokedAt: null },
      after: { name: row.name, revokedAt: row.revokedAt },
      ip: by.ip,
    });
  });
  return findApiKey(db, id);
}
