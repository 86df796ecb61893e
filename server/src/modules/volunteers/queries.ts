import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition } from '../auth/policy.ts';
import type { Stage } from './schemas.ts';

/** A volunteer as the routes load it: the record, the person's sealed name and the area's name. */
export interface VolunteerRow {
  id: number;
  personId: number;
  userId: string | null;
  orgCode: string;
  orgName: string | null;
  categoryCode: string;
  stage: Stage;
  stageChangedAt: Date;
  points: number;
  nameEnc: string;
  gender: string | null;
  hours: number;
  honours: number;
}

const VOLUNTEER = sql`select v.id, v.person_id as "personId", v.user_id as "userId", v.org_code as "orgCode",
    n.name as "orgName", v.category_code as "categoryCode", v.stage, v.stage_changed_at as "stageChangedAt",
    v.points, p.name_enc as "nameEnc", p.gender,
    coalesce((select sum(s.hours) from volunteer_signups s where s.volunteer_id = v.id), 0)::float8 as hours,
    (select count(*) from volunteer_honours h where h.volunteer_id = v.id)::int as honours
  from volunteers v join persons p on p.id = v.person_id left join org_nodes n on n.code = v.org_code`;

/** One volunteer by id, or null. */
export function findVolunteer(db: Db, id: number): Promise<VolunteerRow | null> {
  return one<VolunteerRow>(db, sql`${VOLUNTEER} where v.id = ${id}`);
}

/** The volunteer record linked to a login, or null. */
export function volunteerOfUser(db: Db, userId: string): Promise<VolunteerRow | null> {
  return one<VolunteerRow>(db, sql`${VOLUNTEER} where v.user_id = ${userId}`);
}

/** Volunteers the actor reads, filtered, in the order of their area and id. */
export function listVolunteers(
  db: Db,
  actor: Actor,
  f: { org?: string; stage?: string; category?: string; limit: number; offset: number },
): Promise<VolunteerRow[]> {
  const where: SQL[] = [scopeCondition(actor, 'volunteer.read', sql`v.org_code`)];
  if (f.org) where.push(sql`v.org_code like ${`${f.org}%`}`);
  if (f.stage) where.push(sql`v.stage = ${f.stage}`);
  if (f.category) where.push(sql`v.category_code = ${f.category}`);
  return rows<VolunteerRow>(
    db,
    sql`${VOLUNTEER} where (${sql.join(where, sql`) and (`)})
        order by v.org_code, v.id limit ${f.limit} offset ${f.offset}`,
  );
}

/** The grid code of a person of the archive (where they live), or null when there is no such person. */
export async function personGridCode(db: Db, personId: number): Promise<string | null> {
  const r = await one<{ code: string }>(
    db,
    sql`select n.code from persons p join org_nodes n on n.id = p.grid_id where p.id = ${personId}`,
  );
  return r?.code ?? null;
}

/** The volunteer's history: lifecycle steps, honours, the last ledger rows and activities. */
export async function volunteerHistory(db: Db, id: number) {
  const [stages, honours, ledger, activities] = await Promise.all([
    rows<{ fromStage: string | null; toStage: string; note: string | null; createdAt: Date }>(
      db,
      sql`select from_stage as "fromStage", to_stage as "toStage", note, created_at as "createdAt"
          from volunteer_stage_events where volunteer_id = ${id} order by id`,
    ),
    rows<{ id: number; kind: string; level: string; awardedOn: string; note: string | null }>(
      db,
      sql`select id, kind, level, awarded_on as "awardedOn", note from volunteer_honours
          where volunteer_id = ${id} order by awarded_on desc, id desc`,
    ),
    rows<{
      id: number;
      delta: number;
      balance: number;
      reason: string;
      caseId: number | null;
      activityId: number | null;
      hours: number | null;
      createdAt: Date;
    }>(
      db,
      sql`select id, delta, balance, reason, case_id as "caseId", activity_id as "activityId",
            hours::float8 as hours, created_at as "createdAt"
          from volunteer_points where volunteer_id = ${id} order by id desc limit 50`,
    ),
    rows<{
      activityId: number;
      title: string;
      startsAt: Date;
      signedInAt: Date | null;
      signedOutAt: Date | null;
      hours: number | null;
      verifiedAt: Date | null;
    }>(
      db,
      sql`select a.id as "activityId", a.title, a.starts_at as "startsAt", s.signed_in_at as "signedInAt",
            s.signed_out_at as "signedOutAt", s.hours::float8 as hours, s.verified_at as "verifiedAt"
          from volunteer_signups s join volunteer_activities a on a.id = s.activity_id
          where s.volunteer_id = ${id} order by a.starts_at desc limit 50`,
    ),
  ]);
  return { stages, honours, ledger, activities };
}

export interface TeamRow {
  id: number;
  orgCode: string;
  orgName: string | null;
  name: string;
  members: number;
}

/** Teams the actor reads (under org when given). */
export function listTeams(db: Db, actor: Actor, org?: string): Promise<TeamRow[]> {
  return rows<TeamRow>(
    db,
    sql`select t.id, t.org_code as "orgCode", n.name as "orgName", t.name,
          (select count(*) from volunteer_team_members m where m.team_id = t.id)::int as members
        from volunteer_teams t left join org_nodes n on n.code = t.org_code
        where (${scopeCondition(actor, 'volunteer.read', sql`t.org_code`)})
          ${org ? sql`and t.org_code like ${`${org}%`}` : sql``}
        order by t.org_code, t.name`,
  );
}

/** One team by id, or null. */
export function findTeam(db: Db, id: number): Promise<{ id: number; orgCode: string } | null> {
  return one(db, sql`select id, org_code as "orgCode" from volunteer_teams where id = ${id}`);
}

export interface GoodsRow {
  id: number;
  orgCode: string;
  name: string;
  points: number;
  stock: number;
  active: boolean;
}

/** Goods of the 爱心超市 the actor reads (under org when given). */
export function listGoods(db: Db, actor: Actor, org?: string): Promise<GoodsRow[]> {
  return rows<GoodsRow>(
    db,
    sql`select id, org_code as "orgCode", name, points, stock, active from volunteer_goods
        where (${scopeCondition(actor, 'volunteer.read', sql`org_code`)})
          ${org ? sql`and org_code like ${`${org}%`}` : sql``}
        order by org_code, points, id`,
  );
}

/** One goods row by id, or null. */
export function findGoods(db: Db, id: number): Promise<GoodsRow | null> {
  return one<GoodsRow>(
    db,
    sql`select id, org_code as "orgCode", name, points, stock, active from volunteer_goods where id = ${id}`,
  );
}
