import type { LoadSummary } from './http-load.ts';

/** A number with thousands separators and a fixed number of decimals. */
export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Prints one figure: a short label, then the text. */
export function line(label: string, text: string): void {
  console.log(`${label.padEnd(7)} ${text}`);
}

/** Latency percentiles of a load run, in ms. */
export function latencies(s: LoadSummary): string {
  return `p50 ${fmt(s.p50, 1)}  p95 ${fmt(s.p95, 1)}  p99 ${fmt(s.p99, 1)}  max ${fmt(s.max, 0)} ms`;
}

/** Non-2xx answers of a run with the first failure, or an empty string when there were none. */
export function failures(s: LoadSummary): string {
  if (!s.failed) return '';
  const by = Object.entries(s.statuses)
    .filter(([k]) => !k.startsWith('2'))
    .map(([k, n]) => `${k}×${n}`)
    .join(', ');
  return `  FAILED ${by}: ${s.failures[0] ?? ''}`;
}

/** "MET" or "MISSED" for a goal. */
export const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');
