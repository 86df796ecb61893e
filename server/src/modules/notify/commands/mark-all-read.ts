import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../../infra/db.ts';

/** Marks every unread notification of the user read; returns how many changed. */
export async function markAllRead(db: Db, userId: string): Promise<number> {
  const changed = await rows<{ id: number }>(
    db,
    sql`update notifications set read_at = now() where user_id = ${userId} and read_at is null returning id`,
  );
  return changed.length;
}
