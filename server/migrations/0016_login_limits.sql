-- Login limits (issue 9): the lockout per account and address, the account-wide back-off, known addresses.
-- One row per (lower-cased user name, address) and one per user name with address '*' for the account as a
-- whole. Attempts are reserved in these rows by conditional upserts before a password is checked, so parallel
-- attempts queue on the row lock and cannot slip past a limit. Names that do not exist get rows too, so the
-- answers never tell which names exist. login_attempts stays the record of every checked attempt.
create table login_guards (
  username text not null,
  address text not null,
  -- failed (or reserved and not yet settled) attempts in the current window
  failures integer not null default 0,
  first_failure_at timestamptz,
  last_failure_at timestamptz,
  -- no attempt is checked before this moment (the 15-minute lock of an address, the account's back-off)
  locked_until timestamptz,
  -- address rows: the last successful login of this account from this address (a known address)
  last_success_at timestamptz,
  primary key (username, address)
);

-- the sweep removes rows that no longer lock, count or vouch for anything
create index login_guards_stale on login_guards (last_failure_at);
