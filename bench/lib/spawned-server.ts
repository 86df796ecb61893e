import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in bench/lib/). */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
const MS_PER_TICK = 10;

/** The real server as its own process, so its memory and CPU can be read apart from the load generator's. */
export interface SpawnedServer {
  url: string;
  pid: number;
  /** Resident memory now and its peak since start or the last resetPeak(), and CPU time used, of the server. */
  stats(): { rssMb: number; peakMb: number; cpuMs: number };
  /** Starts a new peak-memory measurement (Linux: clear_refs 5 resets VmHWM). */
  resetPeak(): void;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

const kb = (status: string, key: string) =>
  Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);

/**
 * Starts `node --import tsx server/src/main.ts` of `root` (default: this checkout; BENCH_SERVER_ROOT names
 * another checkout to measure older code) on a free port of 127.0.0.1 with a fresh data folder (embedded
 * PGlite, the demo district) and the given environment; resolves once /healthz answers.
 */
export async function spawnServer(env: Record<string, string>, root = ROOT): Promise<SpawnedServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'civicgrid-bench-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO: 'true',
      DEMO_PASSWORD: 'bench-photo-uploads',
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
      DATABASE_URL: '',
      SECRET_KEY: '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited: string | null = null;
  child.on('exit', (code, signal) => {
    exited = `server exited with ${signal ?? `code ${code}`}`;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (exited) throw new Error(exited);
    if (Date.now() > deadline) throw new Error('server did not become healthy within 300 s');
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    stats() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return {
        rssMb: kb(status, 'VmRSS') / 1024,
        peakMb: kb(status, 'VmHWM') / 1024,
        cpuMs: (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK,
      };
    },
    resetPeak() {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    },
    async stop() {
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await gone;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
