import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OUTPUT_DIR, ROOT } from '../e2e/harness.ts';
import { raisedLimitEnv } from '../server/src/infra/limit-config.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A CivicGrid server running as its own node process (`node --import tsx server/src/main.ts`). */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Why the process ended, or null while it runs. */
  exited(): string | null;
  /** The last few kB of its output, for failure messages. */
  tail(): string;
  /** `kill -9`: no shutdown, no flush, in-flight requests cut. Resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful shutdown), then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** The secret every resilience server runs with; the test adds DATABASE_URL and PORT. */
export const SECRET_KEY = 'resilience-test-secret-key-0123456789abcdef';

/**
 * Starts the real server process against PostgreSQL (DATABASE_URL in env) on 127.0.0.1:port, appending its
 * output to test-output/<logName>.log; resolves once GET /healthz answers 200.
 */
export async function startServerProcess(
  env: Record<string, string>,
  port: number,
  logName: string,
): Promise<ServerProcess> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'civicgrid-resilience-data-'));
  const log = createWriteStream(path.join(OUTPUT_DIR, `${logName}.log`), { flags: 'a' });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      SECRET_KEY,
      DEMO: 'false',
      LOG_LEVEL: 'warn',
      // eight clients report as fast as they can from one address: the request-rate limits are not under test
      ...raisedLimitEnv(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-6000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | null = null;
  const gone = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = signal ?? `code ${code}`;
      resolve();
    }),
  );
  const onExit = () => child.kill('SIGKILL');
  process.on('exit', onExit);
  const finish = async () => {
    await gone;
    process.off('exit', onExit);
    await new Promise<void>((resolve) => log.end(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  };
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    exited: () => exited,
    tail: () => tail,
    async kill9() {
      child.kill('SIGKILL');
      await finish();
    },
    async stop() {
      if (!exited) child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await finish();
      clearTimeout(hard);
    },
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !exited) {
    const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2_000) }).catch(
      () => null,
    );
    if (res?.status === 200) return server;
    await sleep(250);
  }
  await server.stop();
  throw new Error(`The server did not become healthy (${exited ?? 'timeout'}). Its last output:\n${tail}`);
}

/** The district administrator the resilience tests report as (created with the real CLI). */
export const ADMIN = { username: 'admin', password: 'resilience-admin-password' };

/**
 * Migrates an empty database and creates the district 411602 with its administrator, through
 * `npm run cli -- create-admin` as an operator would.
 */
export async function createAdmin(databaseUrl: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/src/cli.ts',
      'create-admin',
      '--username',
      ADMIN.username,
      '--password',
      ADMIN.password,
      '--district-code',
      '411602',
      '--district-name',
      '川汇区',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, SECRET_KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`create-admin failed (${code}):\n${out}`);
}

/** Logs the administrator in and mints a bearer token for the load (an API client's way in). */
export async function adminToken(url: string): Promise<string> {
  // same-origin requests, as the console sends them
  const headers = { 'content-type': 'application/json', origin: url };
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${url}/api/auth/tokens`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: JSON.stringify({ name: 'resilience test' }),
  });
  if (res.status !== 201) throw new Error(`token failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: { token: string } }).data.token;
}
