import { type SQL, sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { RetryLater } from '../../infra/errors.ts';
import type { LimitSettings } from '../../infra/limit-config.ts';
import type { Sweep } from '../../infra/sweeps.ts';

/** How long an account is locked at one address after too many failures there (LOGIN_LOCKED says so). */
export const LOCK_MINUTES = 15;
/** An address this account logged in from successfully within this many days is a known address. */
export const KNOWN_ADDRESS_DAYS = 90;
/** Account-wide failures are forgotten once none happened for this long. */
const ACCOUNT_MEMORY_HOURS = 24;
/** The address of the row that stands for the account as a whole. */
const ACCOUNT = '*';

export type LoginLimits = LimitSettings['login'];

/** Seconds until locked_until of one guard row (at least 1). */
async function secondsLocked(db: Db, username: string, address: string): Promise<number> {
  const row = await one<{ s: number }>(
    db,
    // clock_timestamp, not now(): this transaction may have started before the lock it waited for was set
    sql`select greatest(1, ceil(extract(epoch from locked_until - clock_timestamp())))::int as s from login_guards
        where username = lower(${username}) and address = ${address}`,
  );
  return row?.s ?? 1;
}

/**
 * Counts one attempt at (account, address) as a failure in advance, unless that pair is locked; returns
 * whether the address is known (a successful login of this account from it in the last 90 days). One
 * conditional upsert: a parallel attempt waits for this row and then sees its count, so no more than the
 * limit can pass. Reaching the limit locks the pair for LOCK_MINUTES.
 */
async function reserveAtAddress(db: Db, limits: LoginLimits, username: string, address: string) {
  const lock = sql`now() + make_interval(mins => ${LOCK_MINUTES})`;
  const expired = sql`(g.first_failure_at is null or g.first_failure_at < now() - make_interval(mins => ${LOCK_MINUTES}))`;
  const next = sql`(case when ${expired} then 1 else g.failures + 1 end)`;
  return one<{ known: boolean; failures: number }>(
    db,
    sql`insert into login_guards as g (username, address, failures, first_failure_at, last_failure_at, locked_until)
        values (lower(${username}), ${address}, 1, now(), now(), case when 1 >= ${limits.addressFailures} then ${lock} end)
        on conflict (username, address) do update set
          failures = ${next},
          first_failure_at = case when ${expired} then now() else g.first_failure_at end,
          last_failure_at = now(),
          locked_until = case when ${next} >= ${limits.addressFailures} then ${lock} end
        where g.locked_until is null or g.locked_until <= now()
        returning coalesce(g.last_success_at > now() - make_interval(days => ${KNOWN_ADDRESS_DAYS}), false) as known,
          g.failures`,
  );
}

/**
 * Counts one attempt on the account from an unknown address, unless the account's back-off is running.
 * Once `accountFailures` failures happened (from any addresses, since the last success), every further
 * attempt must wait twice as long as the one before (1 s, 2 s, 4 s … up to backoffMaxSeconds), so many
 * addresses together cannot guess faster than one address could.
 */
async function reserveOnAccount(db: Db, limits: LoginLimits, username: string) {
  const forgotten = sql`(g.last_failure_at is null or g.last_failure_at < now() - make_interval(hours => ${ACCOUNT_MEMORY_HOURS}))`;
  const next = sql`(case when ${forgotten} then 1 else g.failures + 1 end)`;
  const backoff = (n: SQL) =>
    sql`case when ${n} >= ${limits.accountFailures} then now() + make_interval(secs =>
          least(power(2, least(${n} - ${limits.accountFailures}, 30)), ${limits.backoffMaxSeconds})) end`;
  return one<{ failures: number }>(
    db,
    sql`insert into login_guards as g (username, address, failures, first_failure_at, last_failure_at, locked_until)
        values (lower(${username}), ${ACCOUNT}, 1, now(), now(), ${backoff(sql`1`)})
        on conflict (username, address) do update set
          failures = ${next},
          first_failure_at = case when ${forgotten} then now() else g.first_failure_at end,
          last_failure_at = now(),
          locked_until = ${backoff(next)}
        where g.locked_until is null or g.locked_until <= now()
        returning g.failures`,
  );
}

/**
 * Reserves one login attempt before the password is checked, in one transaction: the (account, address)
 * lockout, then — for an address the account never logged in from — the account-wide back-off. A refusal
 * rolls the reservation back and throws: LOGIN_LOCKED (423) while the pair is locked, RATE_LIMITED (429)
 * while the account's back-off runs, both with Retry-After. Unknown user names are treated exactly alike.
 * Resolves to how many more attempts this address has before the lockout should this one fail (the same
 * count for a name that exists and one that does not, so it reveals nothing).
 */
export async function reserveLoginAttempt(
  db: Db,
  limits: LoginLimits,
  username: string,
  address: string,
): Promise<{ attemptsLeft: number }> {
  return db.transaction(async (tx) => {
    const atAddress = await reserveAtAddress(tx, limits, username, address);
    if (!atAddress) throw new RetryLater('LOGIN_LOCKED', 423, await secondsLocked(tx, username, address));
    const attemptsLeft = Math.max(0, limits.addressFailures - atAddress.failures);
    if (atAddress.known) return { attemptsLeft };
    const onAccount = await reserveOnAccount(tx, limits, username);
    if (!onAccount) throw new RetryLater('RATE_LIMITED', 429, await secondsLocked(tx, username, ACCOUNT));
    return { attemptsLeft };
  });
}

/** After a successful login: clears the failures of the account and of this address, which becomes known. */
export async function settleLoginSuccess(db: Db, username: string, address: string): Promise<void> {
  await db.execute(
    sql`update login_guards set failures = 0, first_failure_at = null, locked_until = null,
          last_success_at = case when address = ${address} then now() else last_success_at end
        where username = lower(${username}) and address in (${address}, ${ACCOUNT})`,
  );
}

/**
 * The sweep that forgets login guards which no longer lock, count or vouch for anything (no lock running,
 * no failure for a day, no success in the known-address period), a batch at a time. Deleting is idempotent,
 * so several processes may run it at once.
 */
export function loginGuardSweep(db: Db, batch = 1_000): Sweep {
  return {
    name: 'login-guards',
    everyMs: 10 * 60_000,
    async run() {
      const gone = await db.execute<{ n: number }>(
        sql`delete from login_guards where ctid in (
              select ctid from login_guards
              where last_failure_at < now() - make_interval(hours => ${ACCOUNT_MEMORY_HOURS})
                and (locked_until is null or locked_until < now())
                and (last_success_at is null or last_success_at < now() - make_interval(days => ${KNOWN_ADDRESS_DAYS}))
              limit ${batch})
            returning 1 as n`,
      );
      return gone.rows.length;
    },
  };
}
