import { sql } from 'drizzle-orm';
import { hashToken, newToken } from '../../../infra/crypto.ts';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../actor.ts';

/** Issues a named bearer token for API clients acting as the caller; the token is shown once. */
export async function createApiToken(
  db: Db,
  actor: Actor,
  input: { name: string; days: number | null },
): Promise<{ id: string; token: string; expiresAt: Date | null }> {
  const token = newToken();
  const expiresAt = input.days ? new Date(Date.now() + input.days * 86_400_000) : null;
  return db.transaction(async (tx) => {
    const row = await one<{ id: string }>(
      tx,
      sql`insert into sessions (user_id, token_hash, kind, name, expires_at)
          values (${actor.userId}, ${hashToken(token)}, 'api', ${input.name}, ${expiresAt}) returning id`,
    );
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'token.create',
      entity: 'session',
      entityId: row!.id,
      scopeCode: actor.grants[0]?.scopeCode ?? null,
      after: { name: input.name, expiresAt },
    });
    return { id: row!.id, token, expiresAt };
  });
}
