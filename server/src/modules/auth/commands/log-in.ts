import { hash, verify } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { hashToken, newToken } from '../../../infra/crypto.ts';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { addressKey } from '../../limits/allowance-table.ts';
import { type LoginLimits, reserveLoginAttempt, settleLoginSuccess } from '../login-guard.ts';

// Verifying against a real hash for unknown users keeps the response time from revealing which names exist.
const dummyHash = hash('civicgrid-dummy-password');

/**
 * Checks a password and opens a session. The attempt is reserved against the lockout and the account's
 * back-off before the password is checked (login-guard.ts), every checked attempt is recorded, and a
 * success clears the failures and makes the address a known one.
 */
export async function logIn(
  db: Db,
  limits: LoginLimits,
  input: { username: string; password: string; ip: string; kind: 'cookie' | 'api'; hours: number },
): Promise<{ token: string; userId: string; expiresAt: Date }> {
  const address = addressKey(input.ip);
  const { attemptsLeft } = await reserveLoginAttempt(db, limits, input.username, address);

  const user = await one<{ id: string; passwordHash: string | null; disabled: boolean }>(
    db,
    sql`select id, password_hash as "passwordHash", disabled from users where lower(username) = lower(${input.username})`,
  );
  const ok = await verify(user?.passwordHash ?? (await dummyHash), input.password).catch(() => false);
  const success = Boolean(user?.passwordHash) && ok;
  await db.execute(
    sql`insert into login_attempts (username, success, ip) values (${input.username}, ${success}, ${input.ip})`,
  );
  // how many tries remain before the lockout: counted alike for names that exist and names that do not
  if (!success || !user) throw new AppError('LOGIN_FAILED', 401, { attemptsLeft });
  await settleLoginSuccess(db, input.username, address);
  if (user.disabled) throw new AppError('USER_DISABLED', 403);

  const token = newToken();
  const expiresAt = new Date(Date.now() + input.hours * 3_600_000);
  await db.execute(
    sql`insert into sessions (user_id, token_hash, kind, expires_at)
        values (${user.id}, ${hashToken(token)}, ${input.kind}, ${expiresAt})`,
  );
  return { token, userId: user.id, expiresAt };
}
