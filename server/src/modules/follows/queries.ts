import { INTERNAL_SOURCES } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { hashToken } from '../../infra/crypto.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { CASE_COLUMNS, type CaseRow } from '../cases/case-row.ts';
import { scopePatterns } from '../cases/internal-sources.ts';

/** The case an anonymous follower code follows, or null for an unknown (or withdrawn) code. */
export function findCaseByFollowerCode(db: Db, code: string): Promise<CaseRow | null> {
  return one<CaseRow>(
    db,
    sql`select ${CASE_COLUMNS} from case_follow_codes f join cases c on c.id = f.case_id
        where f.code_hash = ${hashToken(code)}`,
  );
}

/** How many followed cases one answer lists at most (a resident follows a handful). */
export const FOLLOWED_LIMIT = 50;

/**
 * The cases a user follows, most recently followed first, without the ones they reported themselves (those
 * are their own reports, not followed ones) and without cases from internal sources outside `internalScopes`
 * (a merge can make a resident follow a 督查 case: they hear of its steps, it is not listed).
 */
export function listFollowedCases(
  db: Db,
  userId: string,
  internalScopes: string[],
): Promise<(CaseRow & { followedAt: Date })[]> {
  const internal = sql.join(
    INTERNAL_SOURCES.map((s) => sql`${s}`),
    sql`, `,
  );
  return rows<CaseRow & { followedAt: Date }>(
    db,
    sql`select ${CASE_COLUMNS}, f.created_at as "followedAt"
        from case_followers f join cases c on c.id = f.case_id
        where f.user_id = ${userId} and c.reporter_id is distinct from ${userId}
          and (c.source not in (${internal}) or c.org_code like any (${scopePatterns(internalScopes)}::text[]))
        order by f.created_at desc, c.id desc
        limit ${FOLLOWED_LIMIT}`,
  );
}

/** Whether a user follows a case. */
export async function followsCase(db: Db, userId: string, caseId: number): Promise<boolean> {
  return (
    (await one(db, sql`select 1 from case_followers where case_id = ${caseId} and user_id = ${userId}`)) !==
    null
  );
}
