import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { NOTIFICATION_COLUMNS, type NotificationView } from '../queries.ts';

/**
 * Marks one of the user's own notifications read (keeping the first read time); null when it is not
 * theirs. Inbox state is personal, not governance data, so it writes no audit row.
 */
export function markRead(db: Db, userId: string, id: number): Promise<NotificationView | null> {
  return one<NotificationView>(
    db,
    sql`update notifications n set read_at = coalesce(n.read_at, now())
        where n.id = ${id} and n.user_id = ${userId}
        returning ${NOTIFICATION_COLUMNS}`,
  );
}
