import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { NOTIFICATION_COLUMNS, type NotificationView } from './queries.ts';

/** One open live stream: whose it is, the last notification id it has seen, and how to write to it. */
export interface LiveListener {
  userId: string;
  lastId: number;
  send(n: NotificationView): void;
  heartbeat(): void;
  end(): void;
}

export interface LiveHubOptions {
  pollMs?: number;
  heartbeatMs?: number;
  onError?: (err: unknown) => void;
}

const BATCH = 500;
/** The longest pause between polls while they fail (the database is down): streams catch up within it. */
const MAX_BACKOFF_MS = 10_000;

/**
 * Feeds live notification streams from the table, so a notification written by any server process reaches
 * a stream held by any other. One poller per hub (one hub per process) asks, in one query for all connected
 * users, for rows newer than each user's cursor; it runs only while some stream is open.
 */
export class LiveHub {
  private readonly listeners = new Set<LiveListener>();
  private pollTimer: NodeJS.Timeout | null = null;
  private beatTimer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private failures = 0;
  private resumeAt = 0;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;

  constructor(
    private readonly db: Db,
    private readonly opts: LiveHubOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 1_000;
    this.heartbeatMs = opts.heartbeatMs ?? 15_000;
  }

  /** How many streams are open. */
  get size(): number {
    return this.listeners.size;
  }

  /** Adds a stream and polls at once (a resumed stream catches up immediately); returns its removal. */
  add(l: LiveListener): () => void {
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

  private remove(l: LiveListener): void {
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
   * One pass: new rows for every connected user, handed to each of that user's streams in id order. After a
   * failed pass the hub backs off (doubling from pollMs, at most 10 s) and passes until then do nothing:
   * streams stay open with their heartbeats and catch up from their cursors once the database answers.
   */
  poll(): Promise<void> {
    if (Date.now() < this.resumeAt) return Promise.resolve();
    this.polling ??= this.pollOnce().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const cursors = new Map<string, number>();
    for (const l of this.listeners)
      cursors.set(l.userId, Math.min(cursors.get(l.userId) ?? l.lastId, l.lastId));
    if (cursors.size === 0) return;
    const json = JSON.stringify([...cursors].map(([user_id, after]) => ({ user_id, after })));
    try {
      const fresh = await rows<NotificationView & { userId: string }>(
        this.db,
        sql`select n.user_id as "userId", ${NOTIFICATION_COLUMNS}
            from jsonb_to_recordset(${json}::jsonb) as c (user_id uuid, after integer)
            join notifications n on n.user_id = c.user_id and n.id > c.after
            order by n.id limit ${BATCH}`,
      );
      this.failures = 0;
      this.resumeAt = 0;
      for (const { userId, ...n } of fresh) {
        for (const l of this.listeners) {
          if (l.userId === userId && n.id > l.lastId) {
            l.lastId = n.id;
            l.send(n);
          }
        }
      }
    } catch (err) {
      this.failures++;
      this.resumeAt = Date.now() + Math.min(this.pollMs * 2 ** this.failures, MAX_BACKOFF_MS);
      this.opts.onError?.(err);
    }
  }

  /** Ends every stream and stops polling (server shutdown: open streams would hold the close). */
  close(): void {
    for (const l of [...this.listeners]) l.end();
    this.listeners.clear();
    this.stopTimers();
  }
}
