import { sql } from 'drizzle-orm';
import { hashToken } from '../../../infra/crypto.ts';
import { type Db, one } from '../../../infra/db.ts';

/** Withdraws an anonymous follower code; false when there was no such code. */
export async function withdrawFollowerCode(db: Db, code: string): Promise<boolean> {
  const gone = await one(
    db,
    sql`delete from case_follow_codes where code_hash = ${hashToken(code)} returning case_id`,
  );
  return gone !== null;
}

/** Ends a user's following of a case; false when they did not follow it. */
export async function unfollowCase(db: Db, caseId: number, userId: string): Promise<boolean> {
  const gone = await one(
    db,
    sql`delete from case_followers where case_id = ${caseId} and user_id = ${userId} returning case_id`,
  );
  return gone !== null;
}
