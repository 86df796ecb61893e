import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from './actor.ts';
import { scopeCondition } from './policy.ts';

/** A bearer token as its owner and administrators see it; the token itself is shown once, at creation. */
export interface ApiTokenView {
  id: string;
  name: string | null;
  userId: string;
  username: string;
  displayName: string;
  /** the owner's home org code: administrators may revoke tokens of users they manage there */
  homeCode: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const VIEW = sql`select s.id, s.name, s.user_id as "userId", u.username, u.display_name as "displayName",
    u.home_code as "homeCode", s.created_at as "createdAt", s.expires_at as "expiresAt",
    s.last_used_at as "lastUsedAt", s.revoked_at as "revokedAt"
  from sessions s join users u on u.id = s.user_id`;

/** The tokens the actor may see: their own, and those of users they administer ('user.manage' at their home). */
function visible(actor: Actor) {
  return sql`(s.user_id = ${actor.userId} or (${scopeCondition(actor, 'user.manage', sql`u.home_code`)}))`;
}

/** The tokens the actor may see and revoke, newest first (revoked and expired ones included, 200 at most). */
export function listApiTokens(db: Db, actor: Actor): Promise<ApiTokenView[]> {
  return rows<ApiTokenView>(
    db,
    sql`${VIEW} where s.kind = 'api' and ${visible(actor)} order by s.created_at desc, s.id limit 200`,
  );
}

/** One token the actor may see, or null (unknown and out-of-scope tokens alike). */
export function findApiToken(db: Db, actor: Actor, id: string): Promise<ApiTokenView | null> {
  return one<ApiTokenView>(db, sql`${VIEW} where s.id = ${id} and s.kind = 'api' and ${visible(actor)}`);
}
