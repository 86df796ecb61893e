import type { Allowance } from '../../infra/limit-config.ts';

/** Keys tracked per limit before the oldest are forgotten; ~100 bytes each, so a few MB at most. */
const MAX_KEYS = 50_000;
const SWEEP_EVERY_MS = 60_000;

/**
 * Request allowances of one limit, per key (an address or a user), in this process's memory. It is the
 * generic cell rate algorithm: one number per key, the time at which the key's allowance is whole again.
 * A request is allowed while that time is at most one window ahead; each request pushes it by
 * window / count. So `count` requests may come at once, after which they are allowed at the steady rate.
 * Memory stays bounded: keys whose allowance is whole again are dropped every minute, and beyond MAX_KEYS
 * the least recently seen keys are forgotten (which can only ever let a request through, never refuse one).
 */
export class AllowanceTable {
  private readonly full = new Map<string, number>();
  private readonly stepMs: number;
  private readonly windowMs: number;
  private lastSweep = 0;

  constructor(
    allowance: Allowance,
    private readonly now: () => number = Date.now,
  ) {
    this.windowMs = allowance.seconds * 1000;
    this.stepMs = this.windowMs / allowance.count;
  }

  /** Counts one request of key; returns 0 when it is allowed, otherwise the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    if (now - this.lastSweep > SWEEP_EVERY_MS) this.sweep(now);
    const fullAt = Math.max(this.full.get(key) ?? now, now);
    const next = fullAt + this.stepMs;
    if (next - now > this.windowMs) return (next - now - this.windowMs) / 1000;
    // re-inserting keeps the map in least-recently-seen order for the eviction below
    this.full.delete(key);
    this.full.set(key, next);
    if (this.full.size > MAX_KEYS) this.full.delete(this.full.keys().next().value!);
    return 0;
  }

  /** How many keys are tracked (for tests). */
  get size(): number {
    return this.full.size;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, fullAt] of this.full) if (fullAt <= now) this.full.delete(key);
  }
}

/**
 * The key of a caller's address: IPv4 as it is, IPv6 by its /64 prefix (one subscriber usually holds a
 * whole /64 and could otherwise pick a fresh address for every request), IPv4-mapped IPv6 as IPv4.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
