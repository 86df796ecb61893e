import type {
  BulletinKind,
  Bulletin as WireBulletin,
  BulletinSummary as WireSummary,
} from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition } from '../auth/policy.ts';

type BulletinSummary = WireSummary<Date>;
type Bulletin = WireBulletin<Date>;

export type { Bulletin, BulletinSummary };

const COLUMNS = sql`b.id, b.org_code as "orgCode", b.content->>'scopeName' as "scopeName", b.kind,
  to_char(b.period_from, 'YYYY-MM-DD') as "from", to_char(b.period_to, 'YYYY-MM-DD') as "to", b.number, b.issuer,
  b.issued_at as "issuedAt"`;

/**
 * The bulletins of the nodes the actor reads cases of (a street's staff see their street's; district staff
 * every one of the district), newest first, filtered by node and kind; `before` pages by id.
 */
export function listBulletins(
  db: Db,
  actor: Actor,
  q: { org?: string; kind?: BulletinKind; before?: number; limit: number },
): Promise<BulletinSummary[]> {
  return rows<BulletinSummary>(
    db,
    sql`select ${COLUMNS} from bulletins b
        where (${scopeCondition(actor, 'case.read', sql`b.org_code`)})
          ${q.org ? sql`and b.org_code = ${q.org}` : sql``}
          ${q.kind ? sql`and b.kind = ${q.kind}` : sql``}
          ${q.before ? sql`and b.id < ${q.before}` : sql``}
        order by b.id desc limit ${q.limit}`,
  );
}

/** One bulletin with its content, or null. */
export function findBulletinById(db: Db, id: number): Promise<Bulletin | null> {
  return one<Bulletin>(db, sql`select ${COLUMNS}, b.content from bulletins b where b.id = ${id}`);
}
