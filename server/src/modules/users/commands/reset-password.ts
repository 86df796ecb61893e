import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';

/**
 * An operator's password reset from the command line (`npm run cli -- reset-password USER`): sets the new
 * password, ends the account's sessions, lifts the login lockout of the name (every address), optionally
 * re-enables the account, and records it in the audit log. Resolves to false when no such user exists.
 */
export async function resetUserPassword(
  db: Db,
  username: string,
  password: string,
  opts: { enable: boolean },
): Promise<boolean> {
  if (password.length < 8) throw new Error('The password must be at least 8 characters.');
  const passwordHash = await hash(password);
  return db.transaction(async (tx) => {
    const user = await one<{ id: string; homeCode: string | null }>(
      tx,
      sql`update users set password_hash = ${passwordHash}, updated_at = now(),
            disabled = case when ${opts.enable} then false else disabled end
          where lower(username) = lower(${username}) returning id, home_code as "homeCode"`,
    );
    if (!user) return false;
    await tx.execute(
      sql`update sessions set revoked_at = now() where user_id = ${user.id} and revoked_at is null`,
    );
    // the lockout ends; the addresses the account was known from stay known
    await tx.execute(
      sql`update login_guards set failures = 0, first_failure_at = null, locked_until = null
          where username = lower(${username})`,
    );
    await writeAudit(tx, {
      actorId: null,
      action: 'user.update+password',
      entity: 'user',
      entityId: user.id,
      scopeCode: user.homeCode,
      before: {},
      after: { by: 'cli', ...(opts.enable ? { disabled: false } : {}) },
      ip: 'cli',
    });
    return true;
  });
}
