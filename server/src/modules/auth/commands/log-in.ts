import { hash, verify } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { hashToken, newToken } from '../../../infra/crypto.ts';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';

/** Failed logins allowed within the window before the account locks. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

// Verifying against a real hash for unknown users keeps the response time from revealing which names exist.
const dummyHash = hash('civicgrid-dummy-password');

/** Checks a password and opens a session; records every attempt and enforces the lockout. */
export async function logIn(
  db: Db,
  input: { username: string; password: string; ip: string; kind: 'cookie' | 'api'; hours: number },
): Promise<{ token: string; userId: string; expiresAt: Date }> {
  const failures = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from login_attempts
        where lower(username) = lower(${input.username}) and not success
          and at > now() - make_interval(mins => ${LOCK_MINUTES})
          and at > coalesce((select max(at) from login_attempts
            where lower(username) = lower(${input.username}) and success), '-infinity')`,
  );
  if ((failures?.n ?? 0) >= MAX_FAILURES) throw new AppError('LOGIN_LOCKED', 423);

  const user = await one<{ id: string; passwordHash: string | null; disabled: boolean }>(
    db,
    sql`select id, password_hash as "passwordHash", disabled from users where lower(username) = lower(${input.username})`,
  );
  const ok = await verify(user?.passwordHash ?? (await dummyHash), input.password).catch(() => false);
  const success = Boolean(user?.passwordHash) && ok;
  await db.execute(
    sql`insert into login_attempts (username, success, ip) values (${input.username}, ${success}, ${input.ip})`,
  );
  if (!success || !user) throw new AppError('LOGIN_FAILED', 401);
  if (user.disabled) throw new AppError('USER_DISABLED', 403);

  const token = newToken();
  const expiresAt = new Date(Date.now() + input.hours * 3_600_000);
  await db.execute(
    sql`insert into sessions (user_id, token_hash, kind, expires_at)
        values (${user.id}, ${hashToken(token)}, ${input.kind}, ${expiresAt})`,
  );
  return { token, userId: user.id, expiresAt };
}
