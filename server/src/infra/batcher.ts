/**
 * Combines concurrent calls into batches ("smart batching", as in group commit): a call made while fewer than
 * `maxInFlight` batches are running starts a batch at once, so a lone call waits for nothing; calls made while
 * the database is busy queue up and leave together as the next batch when one returns. Under load one round
 * trip, one plan and one commit then serve many requests; without load it behaves like a direct call.
 *
 * With `overlapAfterMs`, a batch joins one already running only once that one has run so long: while the
 * database answers quickly, one batch at a time gathers everything that arrived meanwhile (fewer, larger
 * batches: less work per item); a slow batch (a lock wait, a page read from disk) still lets the queue go on.
 */
/** How calls are gathered: at most maxInFlight batches of maxBatch items; see the class for overlapAfterMs. */
export interface BatchingOptions {
  maxInFlight: number;
  maxBatch: number;
  overlapAfterMs?: number;
}

export class Batcher<I, O> {
  private readonly queue: { item: I; resolve(v: O): void; reject(e: unknown): void }[] = [];
  /** when each running batch started (performance.now()), oldest first */
  private readonly running: number[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * `run` handles one batch and settles each item on its own (one bad item must not fail the others); its
   * results are in the order of its items.
   */
  constructor(
    private readonly run: (items: I[]) => Promise<PromiseSettledResult<O>[]>,
    private readonly opts: BatchingOptions,
  ) {}

  /** Queues one item; resolves with its result once its batch has run. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running.length < this.opts.maxInFlight && this.queue.length > 0) {
      const wait = this.overlapWait();
      if (wait > 0) {
        this.timer ??= setTimeout(() => {
          this.timer = null;
          this.pump();
        }, wait);
        return;
      }
      const batch = this.queue.splice(0, this.opts.maxBatch);
      const started = performance.now();
      this.running.push(started);
      this.run(batch.map((b) => b.item))
        .then(
          (results) =>
            batch.forEach((b, i) => {
              const r = results[i];
              if (r?.status === 'fulfilled') b.resolve(r.value);
              else b.reject(r ? r.reason : new Error('batch returned no result for an item'));
            }),
          (err: unknown) => {
            for (const b of batch) b.reject(err);
          },
        )
        .finally(() => {
          this.running.splice(this.running.indexOf(started), 1);
          this.pump();
        });
    }
  }

  /** How long a new batch must still wait before it may run beside the oldest running one (0: it may now). */
  private overlapWait(): number {
    const after = this.opts.overlapAfterMs;
    if (after === undefined || this.running.length === 0) return 0;
    return Math.max(0, this.running[0]! + after - performance.now());
  }
}

/**
 * How the lookups on the request path batch (sessions, categories, a report's area): such a query answers in
 * well under a millisecond, so a second lane opens only for one that has taken 10 ms.
 */
export const LOOKUP_BATCHING: BatchingOptions = { maxInFlight: 2, maxBatch: 100, overlapAfterMs: 10 };

/**
 * A function of (db, item) whose calls on the same database handle are batched: one Batcher per handle, kept
 * as long as the handle lives. `run` receives the handle and a batch.
 */
export function batchedPerDb<D extends object, I, O>(
  run: (db: D, items: I[]) => Promise<PromiseSettledResult<O>[]>,
  opts: BatchingOptions,
): (db: D, item: I) => Promise<O> {
  const batchers = new WeakMap<D, Batcher<I, O>>();
  return (db, item) => {
    let b = batchers.get(db);
    if (!b) {
      b = new Batcher((items) => run(db, items), opts);
      batchers.set(db, b);
    }
    return b.submit(item);
  };
}

/** Settles every item of a batch with the value found for it (a lookup answers each item from one query). */
export function settleEach<I, O>(
  items: I[],
  found: (item: I, index: number) => O,
): PromiseSettledResult<O>[] {
  return items.map((item, index) => ({ status: 'fulfilled', value: found(item, index) }));
}
