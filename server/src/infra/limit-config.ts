import { availableParallelism } from 'node:os';

/** At most `count` requests per `seconds` for one caller; the whole count may come at once (burst). */
export interface Allowance {
  count: number;
  seconds: number;
}

/**
 * The request-rate limits by name, with their defaults. Each is set by `RATE_LIMIT_<NAME>` as
 * `<count>/<window>` (window: a number of s, m or h, e.g. `20/10m`). Adding a limit: one entry here and its
 * routes in the table of modules/limits/rate-limits.ts.
 */
export const RATE_LIMIT_DEFAULTS = {
  /** anonymous reports (POST /api/cases), per address */
  intake: '20/10m',
  /** reports by a logged-in user or API token (POST /api/cases), per user */
  intake_user: '200/10m',
  /** Open311 POST requests.json|xml, per address */
  open311_post: '120/10m',
  /** lookups by tracking code, Open311 token or follower code, per address */
  code_lookup: '60/10m',
  /** rating or sending back a case with its tracking code, per address */
  code_action: '20/10m',
  /** anonymous follows (POST /api/follows), per address */
  follow: '30/10m',
  /** duplicate suggestions while composing a report, per address */
  duplicates: '120/10m',
  /** login requests, per address whatever the account (generous: a whole office may share one address) */
  login: '300/5m',
} as const;

export type RateLimitName = keyof typeof RATE_LIMIT_DEFAULTS;

/** Abuse limits: request rates, the login lockout and back-off, and the photo-processing bounds. */
export interface LimitSettings {
  rate: Record<RateLimitName, Allowance>;
  login: {
    /** failed logins of one account from one address before that pair is locked for 15 minutes */
    addressFailures: number;
    /** failed logins of one account from unknown addresses before the account-wide back-off starts */
    accountFailures: number;
    /** the longest back-off between two attempts on one account, in seconds */
    backoffMaxSeconds: number;
  };
  photos: {
    /** photo-processing jobs (sharp pipelines) running at once in this process */
    jobs: number;
    /** requests with photos waiting for a job before further ones are refused */
    queue: number;
    /** bytes of multipart uploads held in memory at once by this process */
    uploadBytes: number;
  };
}

type Fail = (variable: string, reason: string) => Error;

const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;

function allowanceVar(env: NodeJS.ProcessEnv, name: string, fallback: string, fail: Fail): Allowance {
  const raw = env[name]?.trim() || fallback;
  const m = /^(\d{1,9})\/(\d{0,6})([smh])$/.exec(raw);
  const count = Number(m?.[1]);
  const seconds = Number(m?.[2] || 1) * UNIT_SECONDS[(m?.[3] ?? 's') as keyof typeof UNIT_SECONDS];
  if (!m || count < 1 || seconds < 1) {
    throw fail(name, `must be <count>/<window> such as 20/10m (window in s, m or h), got "${raw}"`);
  }
  return { count, seconds };
}

function intSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  fail: Fail,
) {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw fail(name, `must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

/** Reads and validates the abuse limits; `fail` builds the error naming a bad variable. */
export function loadLimitSettings(env: NodeJS.ProcessEnv, fail: Fail): LimitSettings {
  const rate = Object.fromEntries(
    Object.entries(RATE_LIMIT_DEFAULTS).map(([name, fallback]) => [
      name,
      allowanceVar(env, `RATE_LIMIT_${name.toUpperCase()}`, fallback, fail),
    ]),
  ) as Record<RateLimitName, Allowance>;
  // half the cores (at least one) for photos, so intake and reads keep the others under a burst of uploads
  const cores = availableParallelism();
  return {
    rate,
    login: {
      addressFailures: intSetting(env, 'LOGIN_ADDRESS_FAILURES', 5, 1, 100, fail),
      accountFailures: intSetting(env, 'LOGIN_ACCOUNT_FAILURES', 10, 1, 10_000, fail),
      backoffMaxSeconds: intSetting(env, 'LOGIN_BACKOFF_MAX_SECONDS', 900, 1, 86_400, fail),
    },
    photos: {
      jobs: intSetting(env, 'PHOTO_JOBS', Math.max(1, Math.floor(cores / 2)), 1, 64, fail),
      queue: intSetting(env, 'PHOTO_QUEUE', 16, 0, 10_000, fail),
      uploadBytes: intSetting(env, 'PHOTO_UPLOAD_MB', 128, 16, 65_536, fail) * 1024 * 1024,
    },
  };
}

/**
 * The environment that raises every request-rate limit far beyond what a test, benchmark or browser run
 * sends from one address (a million a second); the login lockout and the photo bounds keep their defaults.
 * bench/lib/bench-server.ts and e2e/harness.ts start the server with it; variables already set win.
 */
export function raisedLimitEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.keys(RATE_LIMIT_DEFAULTS).map((name) => [`RATE_LIMIT_${name.toUpperCase()}`, '1000000/1s']),
  );
}

/** The settings of raisedLimitEnv(), for tests; tests of the limits themselves set low ones. */
export function raisedLimitSettings(): LimitSettings {
  return loadLimitSettings(raisedLimitEnv(), (v, r) => new Error(`${v} ${r}`));
}
