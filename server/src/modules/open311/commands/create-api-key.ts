import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { type ApiKeyView, findApiKey, hashApiKey, newApiKey } from '../api-keys.ts';

/**
 * Creates an Open311 API key of a district (its administrators manage it); returns it in clear this once
 * (only its hash is stored), audited.
 */
export async function createApiKey(
  db: Db,
  name: string,
  by: { actorId: string; ip: string | null; scopeCode?: string | null },
): Promise<ApiKeyView & { key: string }> {
  const key = newApiKey();
  const id = await db.transaction(async (tx) => {
    const row = await one<{ id: number }>(
      tx,
      sql`insert into open311_keys (name, key_hash, created_by, scope_code)
          values (${name}, ${hashApiKey(key)}, ${by.actorId}, ${by.scopeCode ?? null}) returning id`,
    );
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'open311_key.create',
      entity: 'open311_key',
      entityId: row!.id,
      scopeCode: by.scopeCode ?? null,
      after: { name },
      ip: by.ip,
    });
    return row!.id;
  });
  return { ...(await findApiKey(db, id))!, key };
}
