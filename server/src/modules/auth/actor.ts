import type { OrgLevel, Role } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';

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
  grants: ActorGrant[];
}

/** Loads every grant of a user with the org code each one covers. */
export async function loadGrants(db: Db, userId: string): Promise<ActorGrant[]> {
  return rows<ActorGrant>(
    db,
    sql`select g.id, g.role, g.org_node_id as "orgNodeId", g.unit_id as "unitId",
          coalesce(n.code, ud.code) as "scopeCode", coalesce(n.level, ud.level) as "scopeLevel",
          n.name as "scopeName", u.name as "unitName"
        from grants g
        left join org_nodes n on n.id = g.org_node_id
        left join units u on u.id = g.unit_id
        left join org_nodes ud on ud.id = u.district_id
        where g.user_id = ${userId}
        order by g.id`,
  );
}

/** Resolves a session token hash to its actor, or null when unknown, expired, revoked or disabled. */
export async function loadActor(db: Db, tokenHash: string): Promise<Actor | null> {
  const row = await one<Omit<Actor, 'grants'>>(
    db,
    sql`select s.id as "sessionId", u.id as "userId", u.username, u.display_name as "displayName", u.locale
        from sessions s join users u on u.id = s.user_id
        where s.token_hash = ${tokenHash} and s.revoked_at is null
          and (s.expires_at is null or s.expires_at > now()) and not u.disabled`,
  );
  if (!row) return null;
  return { ...row, grants: await loadGrants(db, row.userId) };
}
