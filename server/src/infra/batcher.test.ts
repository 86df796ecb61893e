import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.ts';

/** A batch runner that records its batches and settles each item after the test lets it. */
function recorder(opts: { failItem?: number; throwBatch?: boolean } = {}) {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const run = async (items: number[]): Promise<PromiseSettledResult<number>[]> => {
    batches.push(items);
    await new Promise<void>((r) => releases.push(r));
    if (opts.throwBatch) throw new Error('database gone');
    return items.map((i) =>
      i === opts.failItem
        ? { status: 'rejected', reason: new Error(`item ${i} refused`) }
        : { status: 'fulfilled', value: i * 10 },
    );
  };
  const releaseAll = async () => {
    while (releases.length) releases.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { batches, run, releaseAll };
}

describe('Batcher', () => {
  it('runs a lone call at once, and queues calls made while batches run into one next batch', async () => {
    const r = recorder();
    const b = new Batcher(r.run, { maxInFlight: 1, maxBatch: 10 });
    const first = b.submit(1);
    expect(r.batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((i) => b.submit(i));
    expect(r.batches).toEqual([[1]]);
    await r.releaseAll();
    expect(await first).toBe(10);
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
    await r.releaseAll();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('keeps to maxInFlight and maxBatch', async () => {
    const r = recorder();
    const b = new Batcher(r.run, { maxInFlight: 2, maxBatch: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((i) => b.submit(i));
    expect(r.batches).toEqual([[1], [2]]);
    await r.releaseAll();
    expect(r.batches).toEqual([[1], [2], [3, 4], [5, 6]]);
    await r.releaseAll();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('answers a refused item alone, and every item of a batch that throws', async () => {
    const r = recorder({ failItem: 3 });
    const b = new Batcher(r.run, { maxInFlight: 1, maxBatch: 10 });
    const settled = Promise.allSettled([b.submit(1), b.submit(2), b.submit(3)]);
    await r.releaseAll();
    await r.releaseAll();
    const [one, two, three] = await settled;
    expect(one).toEqual({ status: 'fulfilled', value: 10 });
    expect(two).toEqual({ status: 'fulfilled', value: 20 });
    expect(three).toMatchObject({ status: 'rejected', reason: new Error('item 3 refused') });

    const broken = recorder({ throwBatch: true });
    const c = new Batcher(broken.run, { maxInFlight: 1, maxBatch: 10 });
    const calls = Promise.allSettled([c.submit(1), c.submit(2)]);
    await broken.releaseAll();
    await broken.releaseAll();
    for (const call of await calls)
      expect(call).toMatchObject({ status: 'rejected', reason: new Error('database gone') });
    // the batcher goes on after a failed batch
    const after = Promise.allSettled([c.submit(7)]);
    await broken.releaseAll();
    expect((await after)[0]).toMatchObject({ status: 'rejected' });
    expect(broken.batches).toEqual([[1], [2], [7]]);
  });

  it('with overlapAfterMs, runs one batch at a time while batches are quick and opens the second lane for a slow one', async () => {
    const r = recorder();
    const b = new Batcher(r.run, { maxInFlight: 2, maxBatch: 10, overlapAfterMs: 40 });
    const first = b.submit(1);
    const quick = [2, 3].map((i) => b.submit(i));
    // the first batch is young: the others wait for it rather than run beside it
    expect(r.batches).toEqual([[1]]);
    await r.releaseAll();
    expect(await first).toBe(10);
    // it returned quickly: what waited leaves together, at once
    expect(r.batches).toEqual([[1], [2, 3]]);
    const slow = [4, 5].map((i) => b.submit(i));
    expect(r.batches).toEqual([[1], [2, 3]]);
    // [2, 3] stays unanswered past overlapAfterMs: [4, 5] runs beside it without waiting for it
    await new Promise((res) => setTimeout(res, 60));
    expect(r.batches).toEqual([[1], [2, 3], [4, 5]]);
    await r.releaseAll();
    expect(await Promise.all([...quick, ...slow])).toEqual([20, 30, 40, 50]);
  });

  it('with overlapAfterMs, still runs a lone call at once', async () => {
    const r = recorder();
    const b = new Batcher(r.run, { maxInFlight: 2, maxBatch: 10, overlapAfterMs: 10_000 });
    const lone = b.submit(1);
    expect(r.batches).toEqual([[1]]);
    await r.releaseAll();
    expect(await lone).toBe(10);
    const next = b.submit(2);
    expect(r.batches).toEqual([[1], [2]]);
    await r.releaseAll();
    expect(await next).toBe(20);
  });
});
