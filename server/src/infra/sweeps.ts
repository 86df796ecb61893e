import { isDbUnavailable } from './db-errors.ts';
import { recordSweep } from './metrics.ts';

/**
 * Periodic sweeps run inside the server process (deadlines, escalation, webhook deliveries, …). Each sweep
 * must be safe with several server processes: select due rows with a LIMIT, claim each row with a
 * conditional UPDATE, and act only on rows it claimed.
 */
export interface Sweep {
  name: string;
  everyMs: number;
  /** Does one pass; returns how many rows it handled. */
  run(): Promise<number>;
}

export interface SweepRunner {
  /** Runs every sweep once now (tests call this instead of waiting for timers). */
  runOnce(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** The longest wait between two passes of a sweep that keeps failing (the database is down). */
export const MAX_BACKOFF_MS = 60_000;

/** How long to wait after the failures-th consecutive failed pass: doubling from everyMs, at most a minute. */
export function backoffMs(everyMs: number, failures: number): number {
  if (failures === 0) return everyMs;
  return Math.max(everyMs, Math.min(everyMs * 2 ** failures, MAX_BACKOFF_MS));
}

/**
 * Starts the sweeps on timers; a pass never overlaps the previous pass of the same sweep. A failing pass
 * (typically: the database is down) is logged and the sweep backs off, doubling its wait up to a minute, so
 * an outage costs a few log lines rather than one per pass; the first pass that works resets it.
 */
export function startSweeps(
  sweeps: Sweep[],
  log: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void },
): SweepRunner {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<number>>();
  const failures = new Map<string, number>();
  let stopped = false;
  const pass = (s: Sweep): Promise<number> => {
    const current = running.get(s.name);
    if (current) return current;
    const p = s
      .run()
      .then((n) => {
        recordSweep(s.name, true, n);
        if (failures.get(s.name)) log.warn({ sweep: s.name }, 'sweep works again');
        failures.set(s.name, 0);
        return n;
      })
      .catch((err: unknown) => {
        recordSweep(s.name, false, 0);
        const n = (failures.get(s.name) ?? 0) + 1;
        failures.set(s.name, n);
        const retryInMs = backoffMs(s.everyMs, n);
        if (isDbUnavailable(err))
          log.warn({ err, sweep: s.name, failures: n, retryInMs }, 'sweep: database unavailable');
        else log.error({ err, sweep: s.name, failures: n, retryInMs }, 'sweep failed');
        return 0;
      })
      .finally(() => running.delete(s.name));
    running.set(s.name, p);
    return p;
  };
  const schedule = (s: Sweep) => {
    const t = setTimeout(
      () => {
        if (stopped) return;
        void pass(s).finally(() => {
          if (!stopped) schedule(s);
        });
      },
      backoffMs(s.everyMs, failures.get(s.name) ?? 0),
    );
    t.unref();
    timers.set(s.name, t);
  };
  for (const s of sweeps) schedule(s);
  return {
    async runOnce() {
      const out: Record<string, number> = {};
      for (const s of sweeps) out[s.name] = await pass(s);
      return out;
    },
    async stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      await Promise.all(running.values());
    },
  };
}
