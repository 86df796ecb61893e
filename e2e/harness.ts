import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { raisedLimitEnv } from '../server/src/infra/limit-config.ts';

/** The repository root (this file lives in e2e/). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Git-ignored output: screenshots and the server log of the last run. */
export const OUTPUT_DIR = path.join(ROOT, 'test-output');
export const SCREENSHOT_DIR = path.join(OUTPUT_DIR, 'screenshots');
export const SERVER_LOG = path.join(OUTPUT_DIR, 'e2e-server.log');

/** The password the server gives every demo account when started by the harness. */
export const DEMO_PASSWORD = 'e2e-demo-pass';

/** Debian's Chromium; browsers are never downloaded. CHROMIUM_PATH overrides it on other machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// a fresh start seeds ~98,000 residents (sealed names, ID numbers, phones) and two weeks of inspections:
// minutes on a busy machine
const HEALTH_TIMEOUT_MS = Number(process.env.E2E_HEALTH_TIMEOUT_MS) || 240_000;
const STOP_GRACE_MS = 10_000;

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True while any process of the group led by pid is alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts the real server (`npx tsx server/src/main.ts`) on a free port with a fresh data folder, so it runs on
 * embedded PGlite and seeds the demo district 川汇区 with DEMO_PASSWORD for every demo account. Resolves once
 * GET /healthz answers 200 {"status":"ok"}. The server's output goes to test-output/e2e-server.log, or to
 * `logName`, or beside it for a differently configured server. `extraEnv` is applied last (e.g. TILE_URL, or
 * low limits for the tests of the limits).
 */
export async function startServer(
  /** or a function of the server's address, for settings that name it (PUBLIC_URL) */
  envOrFn: NodeJS.ProcessEnv | ((url: string) => NodeJS.ProcessEnv) = {},
  logName?: string,
): Promise<RunningServer> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'civicgrid-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const extraEnv = typeof envOrFn === 'function' ? envOrFn(url) : envOrFn;
  const env: NodeJS.ProcessEnv = {
    // request-rate limits raised (docs/limits.md): every browser test comes from 127.0.0.1
    ...raisedLimitEnv(),
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO: 'true',
    DEMO_PASSWORD,
    ...extraEnv,
  };
  // Always the embedded database: the demo is seeded only into an empty one, and CI's PostgreSQL is not.
  delete env.DATABASE_URL;
  delete env.SECRET_KEY;

  // a second, differently configured server logs beside the shared one instead of over it
  const logFile = logName
    ? path.join(OUTPUT_DIR, logName)
    : Object.keys(extraEnv).length
      ? path.join(OUTPUT_DIR, `e2e-server-${port}.log`)
      : SERVER_LOG;
  const log = createWriteStream(logFile, { flags: 'w' });
  log.write(`# ${new Date().toISOString()} npx tsx server/src/main.ts  PORT=${port} DATA_DIR=${dataDir}\n`);
  let tail = '';
  const keepTail = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };

  // detached: the server runs in its own process group (npx → tsx → node), so stop() can signal all of it.
  const child: ChildProcess = spawn('npx', ['tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  let exited: string | null = null;
  child.on('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${code}`}`;
  });
  child.on('error', (err) => {
    exited = `failed to start: ${err.message}`;
  });
  const pid = child.pid;
  // Last resort if the test process dies without running teardown: do not leave a server behind.
  const onExit = () => pid && killGroup(pid, 'SIGKILL');
  process.on('exit', onExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (pid) {
      killGroup(pid, 'SIGTERM');
      const deadline = Date.now() + STOP_GRACE_MS;
      while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
      if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
    }
    process.off('exit', onExit);
    await new Promise<void>((resolve) => log.end(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  };

  const started = Date.now();
  let lastProblem = 'no answer yet';
  while (Date.now() - started < HEALTH_TIMEOUT_MS) {
    if (exited) {
      await stop();
      throw new Error(`The server ${exited} before it was healthy. Its last output:\n${tail}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      const body = (await res.json().catch(() => null)) as { status?: string } | null;
      if (res.status === 200 && body?.status === 'ok') return { url, stop };
      lastProblem = `GET /healthz → ${res.status} ${JSON.stringify(body)}`;
    } catch (err) {
      lastProblem = (err as Error).message;
    }
    await sleep(500);
  }
  await stop();
  throw new Error(
    `The server did not become healthy within ${HEALTH_TIMEOUT_MS / 1000} s (${lastProblem}). ` +
      `Its last output:\n${tail}`,
  );
}

/** Headless Debian Chromium through playwright-core. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Where a screenshot named `name` (without extension) is saved; creates the folder. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

/**
 * Collects what goes wrong inside the page (uncaught errors, console errors, failed API calls), so a failing
 * assertion can say why. Returns the list, which keeps filling while the page lives.
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 500) problems.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
  });
  return problems;
}

/** Fills the login form (`login-username`, `login-password`, `login-submit`) and submits it. */
export async function submitLogin(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Logs in and waits until the app has left /login (the console shell). */
export async function logIn(page: Page, baseUrl: string, username: string, password: string) {
  await submitLogin(page, baseUrl, username, password);
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 30_000 });
}
