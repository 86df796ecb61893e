/**
 * A device load generator in a process of its own: sends signed batches to the device API of a running server
 * over keep-alive HTTP, several in flight, so that the server's process and event loop carry the server alone
 * (the photo bench does the same with the server instead, bench/lib/spawned-server.ts).
 *
 * The parent (`runDeviceLoad`) writes the batches to a file, starts this file as a child, waits until the
 * child is ready (its modules loaded, the file read), tells it to go, and reads one JSON line of results.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { signedHeaders } from '../../server/src/modules/care-devices/signing.ts';

/** One call: the device that signs it and the JSON body. */
export interface DeviceBatch {
  device: { id: number; key: string };
  body: string;
}

/** What the child measured: sightings recorded by the server's answers, failed calls, and the seconds taken. */
export interface DeviceLoadResult {
  recorded: number;
  failed: number;
  seconds: number;
  firstFailure: string | null;
  /** CPU time (user + system) the load generator used while sending, ms */
  cpuMs: number;
}

/**
 * Sends `batches` to `base + path` from a child process, `concurrency` in flight. `whileRunning` runs in this
 * process from the moment the child is told to go until it answers (a CPU profile of the server).
 */
export async function runDeviceLoad(opts: {
  base: string;
  path: string;
  batches: DeviceBatch[];
  concurrency: number;
  whileRunning?: <T>(until: Promise<T>) => Promise<T>;
}): Promise<DeviceLoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'civicgrid-device-load-'));
  const file = path.join(dir, 'batches.ndjson');
  writeFileSync(file, opts.batches.map((b) => JSON.stringify(b)).join('\n'));
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: {
        ...process.env,
        DEVICE_LOAD_BASE: opts.base,
        DEVICE_LOAD_PATH: opts.path,
        DEVICE_LOAD_FILE: file,
        DEVICE_LOAD_CONCURRENCY: String(opts.concurrency),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const next = async () => {
      const l = await lines.next();
      if (l.done) throw new Error(`device load generator ended early (exit ${await exited})`);
      return l.value;
    };
    if ((await next()) !== 'ready') throw new Error('device load generator: expected "ready"');
    child.stdin!.write('go\n');
    const answer = next().then((l) => JSON.parse(l) as DeviceLoadResult);
    const result = opts.whileRunning ? await opts.whileRunning(answer) : await answer;
    child.stdin!.end();
    await exited;
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The child: reads the batches, says ready, waits for go, sends them all and prints the result line. */
async function child(): Promise<void> {
  const base = new URL(process.env.DEVICE_LOAD_BASE!);
  const apiPath = process.env.DEVICE_LOAD_PATH!;
  const concurrency = Number(process.env.DEVICE_LOAD_CONCURRENCY);
  const batches = readFileSync(process.env.DEVICE_LOAD_FILE!, 'utf8')
    .split('\n')
    .map((l) => JSON.parse(l) as DeviceBatch);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (b: DeviceBatch) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      // signed at the moment of sending, as a device does: the timestamp must be within the window
      const headers = signedHeaders(b.device, 'POST', apiPath, b.body);
      const req = request(
        {
          host: base.hostname,
          port: base.port,
          path: apiPath,
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(b.body)) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(b.body);
    });
  const input = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  console.log('ready');
  await input.next();
  let next = 0;
  let recorded = 0;
  let failed = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        const r = await post(batches[next++]!);
        if (r.status === 200)
          recorded += (JSON.parse(r.text) as { data: { recorded: number } }).data.recorded;
        else {
          failed++;
          firstFailure ??= `${r.status} ${r.text.slice(0, 300)}`;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  agent.destroy();
  console.log(JSON.stringify({ recorded, failed, seconds, firstFailure, cpuMs } satisfies DeviceLoadResult));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await child();
