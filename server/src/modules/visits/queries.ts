import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition } from '../auth/policy.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { blindIndexMatches } from '../personal-data/fields.ts';
import { ageOn, isResident } from './ages.ts';
import { HOUSEHOLD_BUILDING, householdPoint } from './location.ts';
import type { Quarter } from './quarter.ts';

/** A household as a visit needs it: where it is and which grid it belongs to. */
export interface HouseholdRow {
  id: number;
  gridId: number;
  orgCode: string;
  gridName: string;
  /** the building's name (3号楼) and its public address (door plates print it) */
  building: string;
  buildingAddress: string;
  addressEnc: string | null;
  lng: number;
  lat: number;
}

/** One household with its grid code and point, or null. */
export function findHousehold(db: Db, id: number): Promise<HouseholdRow | null> {
  return one<HouseholdRow>(
    db,
    sql`select h.id, h.grid_id as "gridId", g.code as "orgCode", g.name as "gridName", b.name as building,
          b.address as "buildingAddress", h.address_enc as "addressEnc", st_x(pt) as lng, st_y(pt) as lat
        from households h join org_nodes g on g.id = h.grid_id ${HOUSEHOLD_BUILDING},
          lateral (select ${householdPoint(sql`h`)} as pt) l
        where h.id = ${id}`,
  );
}

/** A household of the list with what the grid worker decides by. */
export interface HouseholdListRow extends HouseholdRow {
  size: number;
  headEnc: string | null;
  elders: number;
  lastVisitAt: Date | null;
  visitedInPeriod: boolean;
  distanceM: number | null;
}

export interface HouseholdListOptions {
  /** an org code (grid, community …) to narrow to, inside the caller's scope */
  org?: string;
  /** a building label prefix, or a resident's exact name (blind index, never decrypting) */
  q?: string;
  notVisited?: boolean;
  /** only these households */
  ids?: number[];
  near?: { lng: number; lat: number } | null;
  quarter: Quarter;
  limit: number;
  offset: number;
}

/**
 * The households the caller may read (`people.read`, through the shared policy), nearest first when a
 * position is given, else by building; with the last visit and whether the period has one.
 */
export function listHouseholds(
  db: Db,
  actor: Actor,
  cipher: PersonalDataCipher,
  o: HouseholdListOptions,
): Promise<HouseholdListRow[]> {
  const where: SQL[] = [scopeCondition(actor, 'people.read', sql`g.code`)];
  if (o.org) where.push(sql`g.code like ${`${o.org}%`}`);
  if (o.q) {
    const q = o.q.trim();
    const prefix = `${q.replace(/[\\%_]/g, '\\$&')}%`;
    where.push(sql`(b.name like ${prefix} or b.address like ${prefix} or exists (
      select 1 from persons p where p.household_id = h.id and ${blindIndexMatches(cipher, sql`p.name_bidx`, 'name', q)}))`);
  }
  if (o.notVisited) where.push(sql`v.last_in_period is null`);
  if (o.ids) where.push(sql`h.id = any(${`{${o.ids.join(',')}}`}::int[])`);
  const distance = o.near
    ? sql`st_distance(pt::geography, st_setsrid(st_point(${o.near.lng}, ${o.near.lat}), 4326)::geography)`
    : sql`null::float8`;
  const order = o.near ? sql`"distanceM", h.id` : sql`b.address, h.id`;
  return rows<HouseholdListRow>(
    db,
    sql`select h.id, h.grid_id as "gridId", g.code as "orgCode", g.name as "gridName", b.name as building,
          b.address as "buildingAddress", h.address_enc as "addressEnc", st_x(pt) as lng, st_y(pt) as lat,
          m.size, m.head_enc as "headEnc", m.elders, v.last_at as "lastVisitAt",
          v.last_in_period is not null as "visitedInPeriod", round(${distance})::int as "distanceM"
        from households h join org_nodes g on g.id = h.grid_id ${HOUSEHOLD_BUILDING},
          lateral (select ${householdPoint(sql`h`)} as pt) l,
          lateral (select count(*)::int as size,
                     (array_agg(p.name_enc order by p.id = h.head_person_id desc, p.id))[1] as head_enc,
                     count(*) filter (where ${ageOn(sql`p`, sql`now()`)} >= 80)::int as elders
                   from persons p where p.household_id = h.id and ${isResident(sql`p`)}) m,
          lateral (select max(visited_at) as last_at,
                     max(visited_at) filter (where visited_at >= ${o.quarter.start} and visited_at < ${o.quarter.end}) as last_in_period
                   from visits where household_id = h.id) v
        where ${sql.join(where, sql` and `)}
        order by ${order}
        limit ${o.limit} offset ${o.offset}`,
  );
}

/** A person of a household as the visit page shows them (name sealed, presented masked). */
export interface MemberRow {
  id: number;
  nameEnc: string | null;
  gender: 'M' | 'F' | null;
  age: number | null;
}

/** The residents of a household. */
export function householdMembers(db: Db, householdId: number): Promise<MemberRow[]> {
  return rows<MemberRow>(
    db,
    sql`select p.id, p.name_enc as "nameEnc", p.gender, ${ageOn(sql`p`, sql`now()`)} as age
        from persons p where p.household_id = ${householdId} and ${isResident(sql`p`)} order by p.id`,
  );
}

/** A visit with its visitor's name. */
export interface VisitRow {
  id: number;
  householdId: number;
  orgCode: string;
  kind: 'home' | 'phone' | 'other';
  visitedAt: Date;
  visitorName: string;
  distanceM: number | null;
  far: boolean;
  notes: string | null;
}

/** A need heard on a visit, with the state of the case it became. */
export interface NeedRow {
  id: number;
  visitId: number;
  householdId: number;
  orgCode: string;
  description: string;
  outcome: 'resolved' | 'case';
  resolution: string | null;
  caseId: number | null;
  caseState: string | null;
  replyDueAt: Date | null;
  repliedAt: Date | null;
  replyNote: string | null;
}

const VISIT_COLUMNS = sql`v.id, v.household_id as "householdId", v.org_code as "orgCode", v.kind,
  v.visited_at as "visitedAt", u.display_name as "visitorName", v.distance_m as "distanceM", v.far, v.notes`;
const NEED_COLUMNS = sql`n.id, n.visit_id as "visitId", n.household_id as "householdId", n.org_code as "orgCode",
  n.description, n.outcome, n.resolution, n.case_id as "caseId", c.state as "caseState",
  n.reply_due_at as "replyDueAt", n.replied_at as "repliedAt", n.reply_note as "replyNote"`;

/** The latest visits of a household, newest first, and their needs. */
export async function householdVisits(
  db: Db,
  householdId: number,
  limit = 20,
): Promise<{ visits: VisitRow[]; needs: NeedRow[] }> {
  const visits = await rows<VisitRow>(
    db,
    sql`select ${VISIT_COLUMNS} from visits v join users u on u.id = v.visitor_id
        where v.household_id = ${householdId} order by v.visited_at desc, v.id desc limit ${limit}`,
  );
  return {
    visits,
    needs: await needsOfVisits(
      db,
      visits.map((v) => v.id),
    ),
  };
}

/** The needs of some visits, in the order heard. */
export function needsOfVisits(db: Db, visitIds: number[]): Promise<NeedRow[]> {
  if (!visitIds.length) return Promise.resolve([]);
  return rows<NeedRow>(
    db,
    sql`select ${NEED_COLUMNS} from visit_needs n left join cases c on c.id = n.case_id
        where n.visit_id = any(${`{${visitIds.join(',')}}`}::int[]) order by n.id`,
  );
}

/** One visit by id, or by the phone's key for it. */
export function findVisit(db: Db, by: { id: number } | { clientKey: string }): Promise<VisitRow | null> {
  const cond = 'id' in by ? sql`v.id = ${by.id}` : sql`v.client_key = ${by.clientKey}`;
  return one<VisitRow>(
    db,
    sql`select ${VISIT_COLUMNS} from visits v join users u on u.id = v.visitor_id where ${cond}`,
  );
}

/** One need with its case's state, or null. */
export function findNeed(db: Db, id: number): Promise<NeedRow | null> {
  return one<NeedRow>(
    db,
    sql`select ${NEED_COLUMNS} from visit_needs n left join cases c on c.id = n.case_id where n.id = ${id}`,
  );
}

/**
 * Needs that became cases and whose resident has not heard back yet, in the caller's scope: the handled
 * ones (closed or rejected) first, since those are the replies due now.
 */
export function awaitingReplies(db: Db, actor: Actor, limit = 100): Promise<NeedRow[]> {
  return rows<NeedRow>(
    db,
    sql`select ${NEED_COLUMNS} from visit_needs n left join cases c on c.id = n.case_id
        where n.replied_at is null and ${scopeCondition(actor, 'people.read', sql`n.org_code`)}
        order by (c.state in ('closed', 'rejected')) desc, n.reply_due_at, n.id limit ${limit}`,
  );
}
