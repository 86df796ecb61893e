import { describe, expect, it } from 'vitest';
import { UploadBudget, type UploadLease } from './upload-budget.ts';

const refused = () => new Error('busy');
const settle = () => new Promise((r) => setImmediate(r));

describe('upload budget', () => {
  it('grants up to the budget, lets the rest wait in order and refuses beyond the wait queue', async () => {
    const budget = new UploadBudget(10, 2, 60_000, refused);
    const a = await budget.reserve(6);
    const order: string[] = [];
    const noting = (name: string) => (lease: UploadLease) => {
      order.push(name);
      return lease;
    };
    const b = budget.reserve(6).then(noting('b'));
    const c = budget.reserve(3).then(noting('c'));
    await expect(budget.reserve(1)).rejects.toThrow('busy');
    expect(budget.waiting).toBe(2);
    a.release();
    const [lb, lc] = await Promise.all([b, c]);
    // first come, first served: c fits beside b only after a has gone
    expect(order).toEqual(['b', 'c']);
    expect(budget.bytes).toBe(9);
    lb.release();
    lc.release();
    lc.release(); // a second release of one hold changes nothing
    expect(budget.bytes).toBe(0);
    expect(budget.peak).toBe(9);
  });

  it('lets one reservation larger than the whole budget in alone', async () => {
    const budget = new UploadBudget(10, 0, 60_000, refused);
    const huge = await budget.reserve(40);
    await expect(budget.reserve(1)).rejects.toThrow('busy');
    // a photo job holding the lease keeps the bytes counted after the request let go
    expect(huge.hold()).toBe(true);
    huge.release();
    expect(budget.bytes).toBe(40);
    huge.release();
    expect(budget.bytes).toBe(0);
    expect(huge.hold()).toBe(false);
  });

  it('refuses a wait that lasts too long or whose client left, and forgets it', async () => {
    const budget = new UploadBudget(10, 5, 50, refused);
    const held = await budget.reserve(10);
    await expect(budget.reserve(5)).rejects.toThrow('busy');
    const gone = new AbortController();
    const waiting = budget.reserve(5, gone.signal);
    gone.abort();
    await expect(waiting).rejects.toThrow('busy');
    expect(budget.waiting).toBe(0);
    held.release();
    await settle();
    expect(budget.bytes).toBe(0);
  });
});
