import type { Db } from '../../infra/db.ts';
import { withLights } from '../case-reports/lights.ts';
import { presentScreenPoint, type ScreenPoint } from './present-screen-point.ts';
import { caseChangesAfter } from './queries.ts';

/** One open screen stream: the last case event it has passed, what it may see, and how to write to it. */
export interface ScreenListener {
  lastId: number;
  /** true when the caller may see a case filed under this org code (the policy, and the screen's area) */
  sees(orgCode: string): boolean;
  send(eventId: number, point: ScreenPoint): void;
  heartbeat(): void;
  end(): void;
}

export interface ScreenHubOptions {
  pollMs?: number;
  heartbeatMs?: number;
  onError?: (err: unknown) => void;
}

/** Events read per pass; a full pass is followed at once by the next, so a backlog drains quickly. */
export const SCREEN_BATCH = 500;
const MAX_BACKOFF_MS = 10_000;

/**
 * Feeds the big screens' live case streams from `case_events`, so a case reported or moved through any server
 * process reaches a screen held by any other. One poller per process reads, in one query for every open
 * screen, the events after the oldest screen's cursor; each screen gets the cases it may see, one message per
 * case per pass (its latest event), with the case as it stands now. It runs only while a screen is open.
 */
export class ScreenHub {
  private readonly listeners = new Set<ScreenListener>();
  private pollTimer: NodeJS.Timeout | null = null;
  private beatTimer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private failures = 0;
  private resumeAt = 0;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;

  constructor(
    private readonly db: Db,
    private readonly opts: ScreenHubOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 1_000;
    this.heartbeatMs = opts.heartbeatMs ?? 15_000;
  }

  /** How many screens are connected. */
  get size(): number {
    return this.listeners.size;
  }

  /** Adds a screen and polls at once (a resumed screen catches up immediately); returns its removal. */
  add(l: ScreenListener): () => void {
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

  private remove(l: ScreenListener): void {
    this.listeners.delete(l);
    if (this.listeners.size === 0) this.stopTimers();
  }

  private stopTimers(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.beatTimer) clearInterval(this.beatTimer);
    this.pollTimer = null;
    this.beatTimer = null;
  }

  /**
   * One pass. After a failed pass (the database is down) the hub backs off, doubling from pollMs up to 10 s;
   * screens keep their heartbeats and catch up from their cursors once the database answers.
   */
  poll(): Promise<void> {
    if (Date.now() < this.resumeAt) return Promise.resolve();
    this.polling ??= this.pollOnce().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    if (this.listeners.size === 0) return;
    const from = Math.min(...[...this.listeners].map((l) => l.lastId));
    let full = false;
    try {
      const found = await caseChangesAfter(this.db, from, SCREEN_BATCH);
      full = found.length === SCREEN_BATCH;
      this.failures = 0;
      this.resumeAt = 0;
      const last = found.at(-1)?.eventId;
      if (last === undefined) return;
      const lit = await withLights(this.db, found, new Date());
      for (const l of this.listeners) this.deliver(l, lit, last);
    } catch (err) {
      this.failures++;
      this.resumeAt = Date.now() + Math.min(this.pollMs * 2 ** this.failures, MAX_BACKOFF_MS);
      this.opts.onError?.(err);
    }
    // a full batch means more are waiting: read on now rather than a poll interval later
    if (full) setImmediate(() => void this.poll());
  }

  /** Sends one screen the cases of a pass it may see, each once, and moves its cursor past the pass. */
  private deliver(l: ScreenListener, lit: Parameters<typeof presentScreenPoint>[0][], last: number): void {
    const latest = new Map<number, Parameters<typeof presentScreenPoint>[0]>();
    for (const c of lit) {
      if (c.eventId <= l.lastId || !l.sees(c.orgCode)) continue;
      latest.delete(c.id);
      latest.set(c.id, c);
    }
    l.lastId = Math.max(l.lastId, last);
    for (const c of latest.values()) l.send(c.eventId, presentScreenPoint(c));
  }

  /** Ends every stream and stops polling (server shutdown: open streams would hold the close). */
  close(): void {
    for (const l of [...this.listeners]) l.end();
    this.listeners.clear();
    this.stopTimers();
  }
}
