import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';

// A token's "last used" is shown to the minute; writing it on every request would cost a write per API call.
const EVERY_MS = 60_000;
const lastWritten = new Map<string, number>();

/**
 * Records that a bearer token was used, at most once a minute per token and process (the UPDATE's own
 * condition keeps several processes from writing more often). Errors are the caller's to log, not to fail on.
 */
export async function noteTokenUse(db: Db, sessionId: string, now = Date.now()): Promise<void> {
  const last = lastWritten.get(sessionId);
  if (last !== undefined && now - last < EVERY_MS) return;
  lastWritten.set(sessionId, now);
  // forget old entries so the map stays as small as the set of tokens in use
  if (lastWritten.size > 10_000) {
    for (const [id, at] of lastWritten) if (now - at >= EVERY_MS) lastWritten.delete(id);
  }
  await db.execute(
    sql`update sessions set last_used_at = now() where id = ${sessionId}
        and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
  );
}
