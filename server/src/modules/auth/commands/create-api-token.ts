import { sql } from 'drizzle-orm';
import { hashToken, newToken } from '../../../infra/crypto.ts';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../actor.ts';

/**
 * Issues a named bearer token for an API client acting as the caller, valid for `days`; the token is shown
 * once and only its hash is kept. The route has checked the caller may mint tokens ('token.create').
 */
export async function createApiToken(
  db: Db,
  actor: Actor,
  input: { name: string; days: number; scopeCode: string | null; ip: string | null },
): Promise<{ id: string; name: string; token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + input.days * 86_400_000);
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
      scopeCode: input.scopeCode,
      after: { name: input.name, expiresAt },
      ip: input.ip,
    });
    return { id: row!.id, name: input.name, token, expiresAt };
  });
}
