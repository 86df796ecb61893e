/** Timing, statistics and seeded randomness shared by the benchmarks in this folder. */

/** A seeded PRNG (mulberry32) returning floats in [0, 1), so every run queries the same points. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Latencies of one timed run: per-operation milliseconds and the wall-clock time of the whole run. */
export interface Timing {
  samples: number[];
  wallMs: number;
}

/** Figures reported for one timed run. */
export interface Summary {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
}

const nsToMs = (ns: bigint) => Number(ns) / 1e6;

/**
 * Runs op(i) for i = 0.. sequentially, timing each call, until `count` calls or until `budgetMs` of wall time
 * has passed (whichever is first); at least `minCount` calls are made so percentiles stay meaningful.
 */
export async function timeOps(
  op: (i: number) => unknown,
  opts: { count: number; budgetMs?: number; minCount?: number },
): Promise<Timing> {
  const budgetNs = BigInt(Math.round((opts.budgetMs ?? 0) * 1e6));
  const hasBudget = opts.budgetMs !== undefined;
  const minCount = opts.minCount ?? 1;
  const samples: number[] = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < opts.count; i++) {
    const t0 = process.hrtime.bigint();
    await op(i);
    const t1 = process.hrtime.bigint();
    samples.push(nsToMs(t1 - t0));
    if (hasBudget && i + 1 >= minCount && t1 - start > budgetNs) break;
  }
  return { samples, wallMs: nsToMs(process.hrtime.bigint() - start) };
}

/** The nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Throughput and p50/p99 latency of a timed run. */
export function summarize(t: Timing): Summary {
  return {
    count: t.samples.length,
    perSecond: t.samples.length / (t.wallMs / 1000),
    p50: percentile(t.samples, 50),
    p99: percentile(t.samples, 99),
  };
}
