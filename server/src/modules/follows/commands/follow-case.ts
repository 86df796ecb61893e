import { sql } from 'drizzle-orm';
import { hashToken } from '../../../infra/crypto.ts';
import type { Db } from '../../../infra/db.ts';
import type { Actor } from '../../auth/actor.ts';
import { newFollowerCode } from '../follower-code.ts';

/**
 * Makes someone a follower of a case: a logged-in user joins case_followers (and hears of the case's steps
 * like its reporter does); an anonymous one gets a new read-only follower code, of which only the hash is
 * stored. A follower receives the public view, never the right to rate or reopen.
 */
export async function followCase(
  db: Db,
  caseId: number,
  actor: Actor | null,
): Promise<{ followerCode: string | null }> {
  if (actor) {
    await db.execute(
      sql`insert into case_followers (case_id, user_id) values (${caseId}, ${actor.userId}) on conflict do nothing`,
    );
    return { followerCode: null };
  }
  const code = newFollowerCode();
  await db.execute(
    sql`insert into case_follow_codes (code_hash, case_id) values (${hashToken(code)}, ${caseId})`,
  );
  return { followerCode: code };
}
