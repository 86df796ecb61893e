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

/** Starts the sweeps on timers; a pass never overlaps the previous pass of the same sweep. */
export function startSweeps(sweeps: Sweep[], log: { error(obj: object, msg: string): void }): SweepRunner {
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<number>>();
  let stopped = false;
  const pass = (s: Sweep): Promise<number> => {
    const current = running.get(s.name);
    if (current) return current;
    const p = s
      .run()
      .catch((err: unknown) => {
        log.error({ err, sweep: s.name }, 'sweep failed');
        return 0;
      })
      .finally(() => running.delete(s.name));
    running.set(s.name, p);
    return p;
  };
  for (const s of sweeps) {
    const t = setInterval(() => {
      if (!stopped) void pass(s);
    }, s.everyMs);
    t.unref();
    timers.push(t);
  }
  return {
    async runOnce() {
      const out: Record<string, number> = {};
      for (const s of sweeps) out[s.name] = await pass(s);
      return out;
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.all(running.values());
    },
  };
}
