/**
 * The load generator's own process (forked by http-load.ts), so its CPU time is not charged to the server's
 * event loop: N keep-alive clients on 127.0.0.1, each sending its next request as soon as the previous
 * answer arrived (closed loop), for a warm-up and then a measured window; it stops by itself.
 */
import http from 'node:http';
import type { LoadPlan, LoadRequest, LoadResult } from './http-load.ts';
import { intakeBody, intakeKey } from './intake-bodies.ts';

/** No single request may hang the run. */
const REQUEST_TIMEOUT_MS = 10_000;

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** The i-th request of the plan: from the explicit list (cycled) or built from the intake spec. */
function requestAt(plan: LoadPlan, i: number): LoadRequest {
  if (plan.intake) {
    const spec = plan.intake;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': intakeKey(spec, i),
    };
    if (spec.cookie) headers.cookie = spec.cookie;
    return { method: 'POST', path: '/api/cases', headers, body: JSON.stringify(intakeBody(spec, i)) };
  }
  const list = plan.requests ?? [];
  const r = list[i % list.length];
  if (!r) throw new Error('a load plan needs requests or an intake spec');
  return r;
}

/** Sends one request on the keep-alive agent and reads the whole answer. */
function send(agent: http.Agent, origin: URL, r: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: origin.hostname,
        port: origin.port,
        method: r.method,
        path: r.path,
        headers: r.body ? { ...r.headers, 'content-length': Buffer.byteLength(r.body) } : r.headers,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(r.body);
  });
}

/** Runs the plan: warm-up, then the measured window (by time, by count or both), then waits for stragglers. */
async function run(plan: LoadPlan): Promise<LoadResult> {
  const origin = new URL(plan.origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  const start = nowMs();
  const cpu0 = process.cpuUsage();
  let issued = 0;
  let measureStart = Number.POSITIVE_INFINITY;
  let lastEnd = start;
  let measuredIssued = 0;
  const warmupDone = () =>
    (plan.warmup.ms === undefined || nowMs() - start >= plan.warmup.ms) &&
    (plan.warmup.count === undefined || issued >= plan.warmup.count);
  const measureDone = (t: number) =>
    (plan.measure.ms !== undefined && t - measureStart >= plan.measure.ms) ||
    (plan.measure.count !== undefined && measuredIssued >= plan.measure.count);

  const client = async () => {
    for (;;) {
      const t0 = nowMs();
      if (measureStart === Number.POSITIVE_INFINITY && warmupDone()) measureStart = t0;
      const measured = t0 >= measureStart;
      if (measured && measureDone(t0)) return;
      const i = issued++;
      if (measured) measuredIssued++;
      let status: string;
      try {
        const res = await send(agent, origin, requestAt(plan, i));
        status = String(res.status);
        if (res.status >= 400 && failures.length < 5)
          failures.push(`${res.status} ${res.body.slice(0, 300)}`);
      } catch (err) {
        status = 'error';
        if (failures.length < 5) failures.push(String(err));
      }
      const t1 = nowMs();
      if (measured) {
        latencies.push(t1 - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        lastEnd = Math.max(lastEnd, t1);
      }
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, client));
  agent.destroy();
  const cpu = process.cpuUsage(cpu0);
  return {
    latencies,
    statuses,
    wallMs: lastEnd - measureStart,
    failures,
    issued,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

process.once('message', (plan: LoadPlan) => {
  run(plan).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
