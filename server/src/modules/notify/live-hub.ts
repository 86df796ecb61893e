import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { type HubListener, PollingHub, type PollingHubOptions } from '../../infra/polling-hub.ts';
import { NOTIFICATION_COLUMNS, type NotificationView } from './queries.ts';

/** One open live stream: whose it is, the last notification id it has seen, and how to write to it. */
export interface LiveListener extends HubListener {
  userId: string;
  lastId: number;
  send(n: NotificationView): void;
}

export type LiveHubOptions = PollingHubOptions;

const BATCH = 500;

/**
 * Feeds live notification streams from the table (see PollingHub). Each pass asks, in one query for all
 * connected users, for rows newer than each user's cursor and hands them to that user's streams in id order.
 */
export class LiveHub extends PollingHub<LiveListener> {
  constructor(
    private readonly db: Db,
    opts: LiveHubOptions = {},
  ) {
    super(opts);
  }

  protected async pass(): Promise<boolean> {
    const cursors = new Map<string, number>();
    for (const l of this.listeners)
      cursors.set(l.userId, Math.min(cursors.get(l.userId) ?? l.lastId, l.lastId));
    const json = JSON.stringify([...cursors].map(([user_id, after]) => ({ user_id, after })));
    const fresh = await rows<NotificationView & { userId: string }>(
      this.db,
      sql`select n.user_id as "userId", ${NOTIFICATION_COLUMNS}
          from jsonb_to_recordset(${json}::jsonb) as c (user_id uuid, after integer)
          join notifications n on n.user_id = c.user_id and n.id > c.after
          order by n.id limit ${BATCH}`,
    );
    for (const { userId, ...n } of fresh) {
      for (const l of this.listeners) {
        if (l.userId === userId && n.id > l.lastId) {
          l.lastId = n.id;
          l.send(n);
        }
      }
    }
    return fresh.length === BATCH;
  }
}
