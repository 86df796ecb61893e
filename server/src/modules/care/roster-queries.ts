import { ROLES, type Role, roleAllows } from '@civicgrid/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';

/** Whom a roster names: a community's care contacts, a street's duty officers (值班). */
export type Duty = 'care_contact' | 'duty_officer';

/** The duty an area's roster holds, by the area's level (other levels keep no roster). */
export const DUTY_OF_LEVEL: Record<string, Duty | undefined> = {
  community: 'care_contact',
  street: 'duty_officer',
};

// the roles that may follow a care alert; only they can be told one usefully
const WATCH_ROLES: Role[] = ROLES.filter((r) => roleAllows(r, 'care.watch'));
const watchRoles = `{${WATCH_ROLES.join(',')}}`;

/**
 * The condition that the user `u.id` is active and holds a care-watch role over the org code `code` granted
 * within its street: an area's care contacts and duty officers are its own people (the community's and the
 * street's staff), whom the street that keeps the roster also administers and sees.
 */
const mayWatch = (code: SQL) =>
  sql`not u.disabled and exists (select 1 from grants g join org_nodes gn on gn.id = g.org_node_id
        where g.user_id = u.id and g.role = any(${watchRoles}::text[]) and ${code} like gn.code || '%' and length(gn.code) >= 9)`;

/** The people who may be named for an area: active accounts with a care-watch role over it. */
export function eligibleFor(db: Db, code: string) {
  return rows<{ id: string; displayName: string }>(
    db,
    sql`select u.id, u.display_name as "displayName" from users u where ${mayWatch(sql`${code}`)}
        order by u.display_name, u.id`,
  );
}

/**
 * The people on duty for an area on a day (YYYY-MM-DD on the district's calendar): the roster's entries for that
 * day when there are any, otherwise its standing names; only those still active and able to follow an alert
 * there (someone who left keeps no duty). Empty when the area names no one: the caller falls back on roles.
 */
export async function onDuty(db: Db, code: string, duty: Duty, day: string): Promise<string[]> {
  const found = await rows<{ userId: string }>(
    db,
    sql`with r as (
          select r.user_id, r.from_day is not null as dated from care_roster r
            join org_nodes n on n.id = r.org_node_id join users u on u.id = r.user_id
          where n.code = ${code} and r.duty = ${duty} and ${mayWatch(sql`n.code`)}
            and (r.from_day is null or ${day}::date between r.from_day and r.to_day))
        select distinct user_id as "userId" from r where dated = (select bool_or(dated) from r) order by 1`,
  );
  return found.map((f) => f.userId);
}

/** A roster entry as the console lists it. */
export interface RosterEntry {
  id: number;
  code: string;
  userId: string;
  displayName: string;
  fromDay: string | null;
  toDay: string | null;
}

/** The areas (streets and communities) under `code` within `scope`, each with its roster entries. */
export async function rosterUnder(db: Db, scope: SQL, code: string | null) {
  const areas = await rows<{ code: string; name: string; level: 'street' | 'community' }>(
    db,
    sql`select n.code, n.name, n.level from org_nodes n
        where n.level in ('street', 'community') and ${scope}
          ${code ? sql`and n.code like ${`${code}%`}` : sql``}
        order by n.code limit 500`,
  );
  const entries = await rows<RosterEntry>(
    db,
    sql`select r.id, n.code, r.user_id as "userId", u.display_name as "displayName",
          to_char(r.from_day, 'YYYY-MM-DD') as "fromDay", to_char(r.to_day, 'YYYY-MM-DD') as "toDay"
        from care_roster r join org_nodes n on n.id = r.org_node_id join users u on u.id = r.user_id
        where n.code = any(${`{${areas.map((a) => a.code).join(',')}}`}::text[])
        order by n.code, r.from_day nulls first, u.display_name`,
  );
  return { areas, entries };
}

/** One roster entry with its area, or null. */
export async function findRosterEntry(db: Db, id: number) {
  const [found] = await rows<RosterEntry & { duty: Duty }>(
    db,
    sql`select r.id, n.code, r.duty, r.user_id as "userId", u.display_name as "displayName",
          to_char(r.from_day, 'YYYY-MM-DD') as "fromDay", to_char(r.to_day, 'YYYY-MM-DD') as "toDay"
        from care_roster r join org_nodes n on n.id = r.org_node_id join users u on u.id = r.user_id
        where r.id = ${id}`,
  );
  return found ?? null;
}
