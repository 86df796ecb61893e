import { describe, expect, it } from 'vitest';
import { DbBreaker, type DbLog } from './db-breaker.ts';
import { DbUnavailableError } from './db-errors.ts';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

function breaker(retryMs = 1_000) {
  let now = 1_000_000;
  const lines: string[] = [];
  const log: DbLog = {
    warn: (_o, msg) => lines.push(`warn ${msg}`),
    error: (_o, msg) => lines.push(`error ${msg}`),
  };
  const b = new DbBreaker({ retryMs, log, now: () => now });
  return { b, lines, advance: (ms: number) => (now += ms) };
}

describe('the database circuit breaker', () => {
  it('lets everything through while the database is up', () => {
    const { b } = breaker();
    expect(b.admit()).toBe(false);
    expect(b.health()).toEqual({ state: 'up', downSince: null, lastErrorAt: null });
  });

  it('after a failed connection refuses at once, then lets one probe through, and closes when it connects', () => {
    const { b, lines, advance } = breaker(1_000);
    const thrown = b.connectFailed(refused(), b.admit());
    expect(thrown).toBeInstanceOf(DbUnavailableError);
    expect(b.health().state).toBe('down');
    expect(lines).toEqual([expect.stringMatching(/^error database unreachable/)]);

    // within retryMs: every caller is refused without touching the pool
    advance(400);
    expect(() => b.admit()).toThrow(DbUnavailableError);
    // after it: exactly one probe, the others are still refused while it runs
    advance(700);
    expect(b.admit()).toBe(true);
    expect(() => b.admit()).toThrow(DbUnavailableError);
    b.connected(true);
    expect(b.health()).toMatchObject({ state: 'up', downSince: null });
    expect(b.admit()).toBe(false);
    expect(lines.at(-1)).toBe('warn database reachable again');
  });

  it('keeps refusing when the probe fails, logging the outage once', () => {
    const { b, lines, advance } = breaker(1_000);
    b.connectFailed(refused(), b.admit());
    const since = b.health().downSince;
    for (let i = 0; i < 5; i++) {
      advance(1_001);
      const probe = b.admit();
      expect(probe).toBe(true);
      b.connectFailed(refused(), probe);
      expect(() => b.admit()).toThrow(DbUnavailableError);
    }
    expect(b.health().downSince).toEqual(since);
    expect(lines.filter((l) => l.startsWith('error'))).toHaveLength(1);
  });

  it('does not trip on a dropped connection or a busy pool, but remembers when it happened', () => {
    const { b } = breaker();
    b.dropped();
    b.connectFailed(new Error('timeout exceeded when trying to connect'), b.admit());
    expect(b.health().state).toBe('up');
    expect(b.health().lastErrorAt).toBeInstanceOf(Date);
    expect(b.admit()).toBe(false);
  });

  it('passes a configuration error (a wrong password) through unchanged and stays up', () => {
    const { b } = breaker();
    const wrong = Object.assign(new Error('password authentication failed'), { code: '28P01' });
    expect(b.connectFailed(wrong, b.admit())).toBe(wrong);
    expect(b.health().state).toBe('up');
  });

  it('says how long to wait while open', () => {
    const { b } = breaker(3_000);
    b.connectFailed(refused(), b.admit());
    let err: unknown;
    try {
      b.admit();
    } catch (e) {
      err = e;
    }
    expect((err as DbUnavailableError).retryAfterSeconds).toBe(3);
  });
});
