/** What every live stream a hub feeds can do: keep the connection alive and end it. */
export interface HubListener {
  heartbeat(): void;
  end(): void;
}

export interface PollingHubOptions {
  pollMs?: number;
  heartbeatMs?: number;
  onError?: (err: unknown) => void;
}

/** The longest pause between passes while they fail (the database is down): streams catch up within it. */
const MAX_BACKOFF_MS = 10_000;

/**
 * The machinery of a live feed read from a table, so a row written by any server process reaches a stream held
 * by any other: one poller per hub (one hub per process) runs only while some stream is open, passes never
 * overlap, streams get heartbeats, and after a failed pass the hub backs off (doubling from pollMs, at most
 * 10 s) while streams stay open and later catch up from their own cursors. A subclass says what one pass reads
 * and delivers.
 */
export abstract class PollingHub<L extends HubListener> {
  protected readonly listeners = new Set<L>();
  private pollTimer: NodeJS.Timeout | null = null;
  private beatTimer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private failures = 0;
  private resumeAt = 0;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;

  constructor(private readonly opts: PollingHubOptions = {}) {
    this.pollMs = opts.pollMs ?? 1_000;
    this.heartbeatMs = opts.heartbeatMs ?? 15_000;
  }

  /**
   * Reads what is new for the open streams and hands it to them; returns true when it read a full batch, so
   * the next pass runs at once rather than a poll interval later.
   */
  protected abstract pass(): Promise<boolean>;

  /** How many streams are open. */
  get size(): number {
    return this.listeners.size;
  }

  /** Adds a stream and polls at once (a resumed stream catches up immediately); returns its removal. */
  add(l: L): () => void {
    this.listeners.add(l);
    if (!this.pollTimer) {
      this.pollTimer = setInterval(() => void this.poll(), this.pollMs);
      this.beatTimer = setInterval(() => {
        for (const x of this.listeners) x.heartbeat();
      }, this.heartbeatMs);
    }
    void this.poll();
    return () => this.remove(l);
  }

  private remove(l: L): void {
    this.listeners.delete(l);
    if (this.listeners.size === 0) this.stopTimers();
  }

  private stopTimers(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.beatTimer) clearInterval(this.beatTimer);
    this.pollTimer = null;
    this.beatTimer = null;
  }

  /** One pass, unless one is running (its promise is returned) or the hub is backing off after a failure. */
  poll(): Promise<void> {
    if (Date.now() < this.resumeAt) return Promise.resolve();
    this.polling ??= this.pollOnce().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    if (this.listeners.size === 0) return;
    let full = false;
    try {
      full = await this.pass();
      this.failures = 0;
      this.resumeAt = 0;
    } catch (err) {
      this.failures++;
      this.resumeAt = Date.now() + Math.min(this.pollMs * 2 ** this.failures, MAX_BACKOFF_MS);
      this.opts.onError?.(err);
    }
    if (full) setImmediate(() => void this.poll());
  }

  /** Ends every stream and stops polling (server shutdown: open streams would hold the close). */
  close(): void {
    for (const l of [...this.listeners]) l.end();
    this.listeners.clear();
    this.stopTimers();
  }
}
