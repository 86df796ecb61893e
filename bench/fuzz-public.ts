/**
 * Fuzz run of every public endpoint (issue 9, "Proof"): the real server in this process (PGlite in memory,
 * or a scratch database next to DATABASE_URL), the request-rate limits raised and the login lockout at its
 * highest setting, the demo district plus seeded cases, then fast-check-generated inputs — valid-shaped and
 * hostile mixed — over real HTTP with a few requests in flight. Counts per endpoint: 2xx, 4xx by status,
 * 429 apart, 5xx (with the input and the server's log lines), network errors, refusals not in the caller's
 * language. Afterwards the database and the photo folder are compared with what the accepted answers account
 * for. Exits non-zero on any 5xx, network error, unlocalized refusal or stored-but-rejected row or file.
 *
 *   npx tsx bench/fuzz-public.ts                       # 10,000 inputs per endpoint, 2,000 logins
 *   FUZZ_RUNS=200 FUZZ_LOGIN_RUNS=50 npx tsx bench/fuzz-public.ts
 *
 * FUZZ_RUNS (default 10000) and FUZZ_LOGIN_RUNS (default 2000) set the counts, FUZZ_SEED the seed (random by
 * default, always printed: the same seed draws the same inputs), FUZZ_CONCURRENCY the requests in flight
 * (default 4), FUZZ_ENDPOINTS a comma-separated list of words that picks endpoints by name.
 */
import { runFuzz } from './lib/fuzz/run-fuzz.ts';

const { failed } = await runFuzz({
  runs: Number(process.env.FUZZ_RUNS ?? 10_000),
  loginRuns: Number(process.env.FUZZ_LOGIN_RUNS ?? 2_000),
  seed: Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31)),
  concurrency: Number(process.env.FUZZ_CONCURRENCY ?? 4),
  pick: (process.env.FUZZ_ENDPOINTS ?? '').split(',').filter(Boolean),
  progress: true,
});
process.exitCode = failed ? 1 : 0;
