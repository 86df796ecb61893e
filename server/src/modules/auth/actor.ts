import type { OrgLevel, Role } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { batchedPerDb, LOOKUP_BATCHING, settleEach } from '../../infra/batcher.ts';
import { type Db, rows } from '../../infra/db.ts';

/** One role grant as the permission check sees it: the role and the org code it reaches. */
export interface ActorGrant {
  id: number;
  role: Role;
  orgNodeId: number | null;
  unitId: number | null;
  /** Org code this grant covers: the node's code, or the unit's district code for unit grants. */
  scopeCode: string | null;
  scopeLevel: OrgLevel | null;
  scopeName: string | null;
  unitName: string | null;
}

/** The authenticated caller of a request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  locale: 'zh-CN' | 'en-US';
  sessionId: string;
  /** how the caller authenticated: a console login (cookie) or a bearer token for API clients */
  sessionKind: 'cookie' | 'api';
  grants: ActorGrant[];
}

/** The columns of one grant with the org code it covers, over `grants g` (used by both loaders below). */
const GRANT_COLUMNS = sql`g.id, g.role, g.org_node_id as "orgNodeId", g.unit_id as "unitId",
  coalesce(n.code, ud.code) as "scopeCode", coalesce(n.level, ud.level) as "scopeLevel",
  n.name as "scopeName", gu.name as "unitName"`;
const GRANT_JOINS = sql`left join org_nodes n on n.id = g.org_node_id
  left join units gu on gu.id = g.unit_id
  left join org_nodes ud on ud.id = gu.district_id`;

/** Loads every grant of a user with the org code each one covers. */
export async function loadGrants(db: Db, userId: string): Promise<ActorGrant[]> {
  return rows<ActorGrant>(
    db,
    sql`select ${GRANT_COLUMNS} from grants g ${GRANT_JOINS} where g.user_id = ${userId} order by g.id`,
  );
}

/**
 * Resolves session token hashes to their actors (with their grants) in one query: every authenticated request
 * needs this, so concurrent requests share it (see loadActor). Unknown, expired, revoked and disabled give null.
 */
async function loadActors(db: Db, tokenHashes: string[]): Promise<PromiseSettledResult<Actor | null>[]> {
  const found = await rows<Actor & { tokenHash: string }>(
    db,
    sql`select s.token_hash as "tokenHash", s.id as "sessionId", s.kind as "sessionKind", u.id as "userId", u.username,
          u.display_name as "displayName", u.locale,
          coalesce((select json_agg(x order by x.id) from (select ${GRANT_COLUMNS} from grants g ${GRANT_JOINS}
            where g.user_id = u.id) x), '[]') as grants
        from sessions s join users u on u.id = s.user_id
        where s.token_hash in (select jsonb_array_elements_text(${JSON.stringify(tokenHashes)}::jsonb))
          and s.revoked_at is null and (s.expires_at is null or s.expires_at > now()) and not u.disabled`,
    { prepare: 'auth.actors' },
  );
  const byHash = new Map(found.map(({ tokenHash, ...actor }) => [tokenHash, actor]));
  return settleEach(tokenHashes, (h) => byHash.get(h) ?? null);
}

/** Resolves a session token hash to its actor, or null when unknown, expired, revoked or disabled. */
export const loadActor: (db: Db, tokenHash: string) => Promise<Actor | null> = batchedPerDb(
  loadActors,
  LOOKUP_BATCHING,
);
