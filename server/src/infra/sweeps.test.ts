import { afterEach, describe, expect, it, vi } from 'vitest';
import { DbUnavailableError } from './db-errors.ts';
import { backoffMs, MAX_BACKOFF_MS, type Sweep, startSweeps } from './sweeps.ts';

afterEach(() => {
  vi.useRealTimers();
});

function recorder() {
  const lines: string[] = [];
  return {
    lines,
    log: {
      warn: (_o: object, msg: string) => lines.push(`warn ${msg}`),
      error: (_o: object, msg: string) => lines.push(`error ${msg}`),
    },
  };
}

/** A sweep whose passes fail with the given errors, in order, and then work. */
function flaky(errors: unknown[]): Sweep & { calls: number } {
  const s = {
    name: 'flaky',
    everyMs: 1_000,
    calls: 0,
    async run() {
      const err = errors[s.calls++];
      if (err) throw err;
      return 1;
    },
  };
  return s;
}

describe('sweeps during a database outage', () => {
  it('log, back off (doubling, at most a minute) and carry on once the database is back', async () => {
    vi.useFakeTimers();
    const down = () => new DbUnavailableError();
    const sweep = flaky([down(), down(), down()]);
    const { lines, log } = recorder();
    const runner = startSweeps([sweep], log);
    const at = async (ms: number, calls: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      expect(sweep.calls).toBe(calls);
    };
    await at(1_000, 1); // fails: next pass after 2 s
    await at(1_999, 1);
    await at(1, 2); // fails: after 4 s
    await at(4_000, 3); // fails: after 8 s
    await at(7_999, 3);
    await at(1, 4); // works: back to every second
    await at(1_000, 5);
    await at(1_000, 6);
    expect(lines).toEqual([
      'warn sweep: database unavailable',
      'warn sweep: database unavailable',
      'warn sweep: database unavailable',
      'warn sweep works again',
    ]);
    await runner.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sweep.calls).toBe(6);
  });

  it('logs any other failure as an error', async () => {
    vi.useFakeTimers();
    const sweep = flaky([new TypeError('a bug')]);
    const { lines, log } = recorder();
    const runner = startSweeps([sweep], log);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lines).toEqual(['error sweep failed']);
    await runner.stop();
  });

  it('never waits longer than a minute, nor less than its own interval', () => {
    expect(backoffMs(5_000, 0)).toBe(5_000);
    expect(backoffMs(5_000, 1)).toBe(10_000);
    expect(backoffMs(5_000, 10)).toBe(MAX_BACKOFF_MS);
    expect(backoffMs(120_000, 3)).toBe(120_000);
  });
});
