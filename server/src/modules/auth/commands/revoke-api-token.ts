import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { ApiTokenView } from '../token-queries.ts';

/** Revokes a bearer token at once (a second revocation changes nothing), with an audit row. */
export async function revokeApiToken(
  db: Db,
  token: ApiTokenView,
  by: { actorId: string; ip: string | null },
): Promise<Date> {
  return db.transaction(async (tx) => {
    const row = await one<{ revokedAt: Date }>(
      tx,
      sql`update sessions set revoked_at = coalesce(revoked_at, now()) where id = ${token.id}
          returning revoked_at as "revokedAt"`,
    );
    if (!token.revokedAt) {
      await writeAudit(tx, {
        actorId: by.actorId,
        action: 'token.revoke',
        entity: 'session',
        entityId: token.id,
        scopeCode: token.homeCode,
        before: { name: token.name, userId: token.userId, expiresAt: token.expiresAt },
        ip: by.ip,
      });
    }
    return row!.revokedAt;
  });
}
