/**
 * The bytes of one request's upload, counted against the budget while someone holds them: the request until
 * its response has closed, and the photo job while it runs (even when the client left meanwhile).
 */
export class UploadLease {
  private holders = 1;

  constructor(
    private readonly free: (bytes: number) => void,
    readonly bytes: number,
  ) {}

  /** Takes one more hold; false when the lease is already over (the client left before processing). */
  hold(): boolean {
    if (this.holders === 0) return false;
    this.holders++;
    return true;
  }

  /** Lets go of one hold; the last one returns the bytes to the budget. */
  release(): void {
    if (this.holders === 0) return;
    this.holders--;
    if (this.holders === 0) this.free(this.bytes);
  }
}

interface Waiter {
  bytes: number;
  grant(lease: UploadLease): void;
}

/**
 * A budget of bytes held in memory at once. A reservation that does not fit waits, first come first served,
 * until others give bytes back — its request body stays unread in the meantime, so the client is slowed down
 * by TCP instead of sending the upload twice. At most `maxWaiting` wait, each at most `maxWaitMs`; beyond
 * that, or when the client leaves, the reservation is refused with `refusal()`. One reservation larger than
 * the whole budget is granted when nothing else is held, so no valid upload waits for ever.
 */
export class UploadBudget {
  private held = 0;
  private highest = 0;
  private readonly waiters: Waiter[] = [];

  constructor(
    private readonly maxBytes: number,
    private readonly maxWaiting: number,
    private readonly maxWaitMs: number,
    private readonly refusal: () => Error,
  ) {}

  /** Bytes held now. */
  get bytes(): number {
    return this.held;
  }

  /** The most bytes held at once since the budget was made. */
  get peak(): number {
    return this.highest;
  }

  /** Reservations waiting now. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Reserves bytes now, after a bounded wait, or refuses; `signal` aborts the wait (client gone). */
  reserve(bytes: number, signal?: AbortSignal): Promise<UploadLease> {
    if (!this.waiters.length && this.fits(bytes)) return Promise.resolve(this.take(bytes));
    if (this.waiters.length >= this.maxWaiting || signal?.aborted) return Promise.reject(this.refusal());
    return new Promise((resolve, reject) => {
      const leave = () => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        clearTimeout(timer);
        reject(this.refusal());
      };
      const timer = setTimeout(leave, this.maxWaitMs);
      signal?.addEventListener('abort', leave, { once: true });
      const waiter: Waiter = {
        bytes,
        grant(lease) {
          clearTimeout(timer);
          signal?.removeEventListener('abort', leave);
          resolve(lease);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private fits(bytes: number): boolean {
    return this.held === 0 || this.held + bytes <= this.maxBytes;
  }

  private take(bytes: number): UploadLease {
    this.held += bytes;
    this.highest = Math.max(this.highest, this.held);
    return new UploadLease((n) => {
      this.held -= n;
      this.wake();
    }, bytes);
  }

  private wake(): void {
    while (this.waiters.length && this.fits(this.waiters[0]!.bytes)) {
      const next = this.waiters.shift()!;
      next.grant(this.take(next.bytes));
    }
  }
}
