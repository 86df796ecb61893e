import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { startBenchServer } from '../bench-server.ts';
import { duplicates, follow, followView } from './follows.ts';
import { Sender } from './http.ts';
import { sampleFiles } from './images.ts';
import { intakeJson, intakeMultipart } from './intake.ts';
import { audit, Ledger, snapshot } from './ledger.ts';
import { LogSink } from './log-sink.ts';
import { login } from './login.ts';
import { open311Get, open311Post } from './open311.ts';
import { printReport } from './report.ts';
import { type Endpoint, runEndpoint, type Tally } from './runner.ts';
import { type Harvest, seedWorld } from './seed.ts';
import { trackAction, trackGet } from './track.ts';

/** How a fuzz run is made (bench/fuzz-public.ts reads them from FUZZ_* variables). */
export interface FuzzOptions {
  /** inputs per endpoint, and for login (slow on purpose: argon2id) */
  runs: number;
  loginRuns: number;
  seed: number;
  /** requests in flight */
  concurrency: number;
  /** words that pick endpoints by name; empty: all */
  pick?: string[];
  /** seeded closed cases with and without a phone number (25 each by default) */
  seedPerKind?: number;
  /** progress lines while running */
  progress?: boolean;
  /** print the report (default); false prints it only when the run failed */
  print?: boolean;
}

/** What a run found: the counts per endpoint and every leak; `failed` when either shows a problem. */
export interface FuzzResult {
  failed: boolean;
  tallies: Tally[];
  leaks: string[];
}

/**
 * Starts the server (request-rate limits raised, the login lockout at its most lenient, photos in a folder of
 * this run alone), seeds the cases and keys the generators draw on, sends every endpoint its inputs, compares
 * the database and photo folder with what the accepted answers account for, and prints the report.
 */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzResult> {
  // photos of an in-memory server go to os.tmpdir(), read once at start-up: point it at this run's folder
  // while the server starts, so other servers' files cannot blur the count
  const scratch = mkdtempSync(path.join(tmpdir(), 'civicgrid-fuzz-'));
  const tmp = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  const logs = new LogSink();
  const bench = await startBenchServer({
    logStream: logs,
    env: {
      LOG_LEVEL: 'warn',
      DATA_DIR: scratch,
      LOGIN_ADDRESS_FAILURES: '100',
      LOGIN_ACCOUNT_FAILURES: '10000',
    },
  }).finally(() => {
    if (tmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmp;
  });
  try {
    const lines = [
      `fuzz of the public endpoints · seed ${opts.seed} · ${opts.runs} inputs per endpoint, ${opts.loginRuns} logins`,
      `${bench.engine} · ${hostname()} · concurrency ${opts.concurrency}`,
    ];
    if (opts.print !== false) console.log(lines.join('\n'));
    const world = await seedWorld(bench, opts.seedPerKind);
    const known = [
      ...world.closedWithPhone,
      ...world.closedWithoutPhone,
      ...world.closedOwn,
      ...world.open,
      ...world.rejected,
      ...world.internal,
    ];
    const harvest: Harvest = { codes: new Map(known.map((c) => [c.code, c.id])), followerCodes: [] };
    const samples = await sampleFiles();
    const ledger = new Ledger();
    const db = bench.server.database.db;
    const before = await snapshot(db, bench.photoDir);

    // built one after another: later endpoints draw on what earlier ones created (codes, ids, follower codes)
    const { runs } = opts;
    const endpoints: (() => Endpoint)[] = [
      () => intakeJson(world, harvest, runs),
      () => intakeMultipart(world, harvest, samples, runs),
      () => duplicates(world, runs),
      () => open311Post(world, runs),
      () => open311Get(world, [...ledger.created], runs),
      () => trackGet(world, harvest, runs),
      () => trackAction(world, harvest, runs),
      () => follow(world, harvest, runs),
      () => followView(world, harvest, runs),
      () => login(world, opts.loginRuns),
    ];
    const sender = new Sender(bench.server.url, opts.concurrency);
    const tallies: Tally[] = [];
    const pick = opts.pick ?? [];
    for (const make of endpoints) {
      const endpoint = make();
      if (pick.length && !pick.some((w) => endpoint.name.toLowerCase().includes(w.toLowerCase()))) continue;
      const show = (text: string) => opts.progress && process.stdout.write(text);
      show(`${endpoint.name} …`);
      const context = { seed: opts.seed, concurrency: opts.concurrency, sender, ledger, logs };
      const tally = await runEndpoint(endpoint, context, (t) =>
        show(`\r${endpoint.name} … ${t.sent}/${endpoint.runs}`),
      );
      show('\n');
      tallies.push(tally);
    }
    sender.close();
    const leaks = await audit(db, bench.photoDir, before, ledger);
    const report: string[] = [];
    const failed = printReport(tallies, ledger, leaks, logs, (l) => report.push(l));
    if (opts.print !== false || failed)
      console.log([...(opts.print === false ? lines : []), ...report].join('\n'));
    return { failed, tallies, leaks };
  } finally {
    await bench.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
