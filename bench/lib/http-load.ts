import { fork } from 'node:child_process';
import path from 'node:path';
import type { IntakeSpec } from './intake-bodies.ts';
import { percentile } from './measure.ts';

/** One HTTP request of a load plan. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * What the load generator does: `concurrency` closed-loop clients; a warm-up (by time and/or count), then a
 * measured window that ends after `measure.ms` or `measure.count` requests, whichever comes first. Requests
 * come from `requests` (cycled) or are built from `intake` (each one a new report).
 */
export interface LoadPlan {
  origin: string;
  concurrency: number;
  warmup: { ms?: number; count?: number };
  measure: { ms?: number; count?: number };
  requests?: LoadRequest[];
  intake?: IntakeSpec;
}

/** Raw outcome of the measured window. */
export interface LoadResult {
  latencies: number[];
  /** measured answers by HTTP status ('error' for a failed connection or a timeout) */
  statuses: Record<string, number>;
  wallMs: number;
  /** the first few failures, for the report */
  failures: string[];
  /** requests sent including the warm-up */
  issued: number;
  /** CPU time the load generator used for all of them, in ms */
  cpuMs: number;
}

/** Figures of a measured window. */
export interface LoadSummary {
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** answers that were not 2xx */
  failed: number;
  statuses: Record<string, number>;
  failures: string[];
  /** the load generator's own CPU time per request sent, in ms */
  clientCpuMs: number;
}

/** Hard stop for one load run beyond its own window, in case the server stops answering. */
const GRACE_MS = 60_000;

/** Runs a load plan in a forked process (its own CPU, not the server's event loop) and returns the outcome. */
export function runLoad(plan: LoadPlan): Promise<LoadSummary> {
  const child = fork(path.join(import.meta.dirname, 'load-client.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const limit = (plan.warmup.ms ?? 0) + (plan.measure.ms ?? 0) + GRACE_MS + 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`load generator did not finish within ${limit} ms`));
    }, limit);
    child.once('message', (result: LoadResult) => {
      clearTimeout(timer);
      resolve(summarizeLoad(result));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`load generator exited with code ${code} before reporting`));
    });
    child.send(plan);
  });
}

/** Throughput and latency percentiles of a measured window. */
export function summarizeLoad(r: LoadResult): LoadSummary {
  const failed = Object.entries(r.statuses)
    .filter(([s]) => !s.startsWith('2'))
    .reduce((n, [, k]) => n + k, 0);
  return {
    count: r.latencies.length,
    perSecond: r.latencies.length / (r.wallMs / 1000),
    p50: percentile(r.latencies, 50),
    p95: percentile(r.latencies, 95),
    p99: percentile(r.latencies, 99),
    max: r.latencies.reduce((m, v) => Math.max(m, v), 0),
    failed,
    statuses: r.statuses,
    failures: r.failures,
    clientCpuMs: r.cpuMs / Math.max(1, r.issued),
  };
}
