/**
 * The process's metrics in the Prometheus text format (version 0.0.4), written here rather than through a
 * client library: counters, gauges and one histogram family are all the server needs. Counters live for the
 * process; Prometheus adds up the processes behind one address (docs/metrics.md).
 */

type Labels = Record<string, string>;

/** Request latency buckets, in seconds: from a cached lookup to a slow export. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const escapeValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeValue(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};
const key = (labels: Labels) => JSON.stringify(labels);

/** One metric family: its help text, type and samples by label set. */
interface Family {
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  samples: Map<string, { labels: Labels; value: number; buckets?: number[]; sum?: number }>;
}

/** A set of metric families that renders itself as Prometheus text. */
export class MetricRegistry {
  private readonly families = new Map<string, Family>();

  private family(name: string, type: Family['type'], help: string): Family {
    let f = this.families.get(name);
    if (!f) {
      f = { help, type, samples: new Map() };
      this.families.set(name, f);
    }
    return f;
  }

  /** Adds n to a counter. */
  inc(name: string, help: string, labels: Labels = {}, n = 1): void {
    const f = this.family(name, 'counter', help);
    const k = key(labels);
    const s = f.samples.get(k);
    if (s) s.value += n;
    else f.samples.set(k, { labels, value: n });
  }

  /** Sets a gauge. */
  set(name: string, help: string, labels: Labels, value: number): void {
    this.family(name, 'gauge', help).samples.set(key(labels), { labels, value });
  }

  /** Records one observation in a histogram with LATENCY_BUCKETS. */
  observe(name: string, help: string, labels: Labels, value: number): void {
    const f = this.family(name, 'histogram', help);
    const k = key(labels);
    let s = f.samples.get(k);
    if (!s) {
      s = { labels, value: 0, buckets: LATENCY_BUCKETS.map(() => 0), sum: 0 };
      f.samples.set(k, s);
    }
    s.value++;
    s.sum! += value;
    LATENCY_BUCKETS.forEach((le, i) => {
      if (value <= le) s.buckets![i]!++;
    });
  }

  /** The text exposition of every family, with the given registries' families after this one's. */
  render(...more: MetricRegistry[]): string {
    const out: string[] = [];
    for (const reg of [this, ...more]) {
      for (const [name, f] of reg.families) {
        out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
        for (const s of f.samples.values()) {
          if (f.type !== 'histogram') {
            out.push(`${name}${labelText(s.labels)} ${s.value}`);
            continue;
          }
          LATENCY_BUCKETS.forEach((le, i) => {
            out.push(`${name}_bucket${labelText({ ...s.labels, le: String(le) })} ${s.buckets![i]}`);
          });
          out.push(`${name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.value}`);
          out.push(
            `${name}_sum${labelText(s.labels)} ${s.sum}`,
            `${name}_count${labelText(s.labels)} ${s.value}`,
          );
        }
      }
    }
    return `${out.join('\n')}\n`;
  }
}

/** The process-wide registry: request latency, intake, sweeps. */
export const processMetrics = new MetricRegistry();

/** Counts a case opened through the common intake (a replayed Idempotency-Key is not a new case). */
export function countIntake(source: string, replayed: boolean): void {
  if (replayed)
    processMetrics.inc('civicgrid_intake_replays_total', 'Reports answered with their first case', {
      source,
    });
  else
    processMetrics.inc('civicgrid_intake_cases_total', 'Cases opened through the common intake', { source });
}

/** Records a sweep pass: when the last one that worked ended, and failures. */
export function recordSweep(name: string, ok: boolean, handled: number): void {
  const labels = { sweep: name };
  if (!ok) {
    processMetrics.inc('civicgrid_sweep_failures_total', 'Sweep passes that failed', labels);
    return;
  }
  processMetrics.set(
    'civicgrid_sweep_last_success_seconds',
    'Unix time the last working pass of the sweep ended',
    labels,
    Date.now() / 1000,
  );
  processMetrics.inc('civicgrid_sweep_rows_total', 'Rows the sweep handled', labels, handled);
}
