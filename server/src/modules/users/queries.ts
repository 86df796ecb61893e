import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { forbidden } from '../../infra/errors.ts';
import type { Actor, ActorGrant } from '../auth/actor.ts';
import { loadGrants } from '../auth/actor.ts';
import { assertCan, can, scopeCondition } from '../auth/policy.ts';

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  locale: string;
  disabled: boolean;
  homeCode: string;
  grants: ActorGrant[];
}

/** The condition "this user belongs to the caller's part of the district" used by lists and lookups. */
function visible(actor: Actor) {
  return sql`(${scopeCondition(actor, 'user.read', sql`u.home_code`)}
    or exists (select 1 from grants g
      left join org_nodes n on n.id = g.org_node_id
      left join units un on un.id = g.unit_id left join org_nodes ud on ud.id = un.district_id
      where g.user_id = u.id and (${scopeCondition(actor, 'user.read', sql`coalesce(n.code, ud.code)`)})))`;
}

/** Users the caller may see, by username, with an optional text filter; `after` is the cursor. */
export async function listUsers(
  db: Db,
  actor: Actor,
  opts: { q?: string; role?: string; after?: string; limit: number },
): Promise<{ data: UserSummary[]; nextCursor: string | null }> {
  const like = opts.q ? `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const list = await rows<Omit<UserSummary, 'grants'>>(
    db,
    sql`select u.id, u.username, u.display_name as "displayName", u.phone, u.locale, u.disabled, u.home_code as "homeCode"
        from users u
        where ${visible(actor)}
          ${like ? sql`and (u.username ilike ${like} or u.display_name ilike ${like})` : sql``}
          ${opts.role ? sql`and exists (select 1 from grants g where g.user_id = u.id and g.role = ${opts.role})` : sql``}
          ${opts.after ? sql`and lower(u.username) > lower(${opts.after})` : sql``}
        order by lower(u.username) limit ${opts.limit + 1}`,
  );
  const page = list.slice(0, opts.limit);
  const data = await Promise.all(page.map(async (u) => ({ ...u, grants: await loadGrants(db, u.id) })));
  return { data, nextCursor: list.length > opts.limit ? page[page.length - 1]!.username : null };
}

/** One user if the caller may see it, else null. */
export async function findVisibleUser(db: Db, actor: Actor, id: string): Promise<UserSummary | null> {
  const u = await one<Omit<UserSummary, 'grants'>>(
    db,
    sql`select u.id, u.username, u.display_name as "displayName", u.phone, u.locale, u.disabled, u.home_code as "homeCode"
        from users u where u.id = ${id} and ${visible(actor)}`,
  );
  return u ? { ...u, grants: await loadGrants(db, u.id) } : null;
}

/**
 * Throws unless the actor administers the user wholly: at the user's home and at the scope of every grant
 * the user holds. Changing a password or disabling an account acts on all the user's grants, so an
 * administrator of one street must not take over an account that also holds district-wide grants.
 */
export function assertManagesUser(actor: Actor, user: UserSummary): void {
  assertCan(actor, 'user.manage', user.homeCode);
  // the user is visible to the actor already, so a grant beyond their reach is a 403, not a 404
  if (user.grants.some((g) => g.scopeCode && !can(actor, 'user.manage', g.scopeCode))) throw forbidden();
}
