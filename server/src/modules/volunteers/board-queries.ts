import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { districtDay } from '../case-reports/period.ts';

/** A period of whole months: `YYYY-MM` to `YYYY-MM`, both included; by default the current year so far. */
export function monthPeriod(from?: string, to?: string, now = new Date()): { from: string; to: string } {
  const today = districtDay(now);
  const f = from ?? `${today.slice(0, 4)}-01`;
  const t = to ?? today.slice(0, 7);
  return f <= t ? { from: `${f}-01`, to: `${t}-01` } : { from: `${t}-01`, to: `${f}-01` };
}

export interface BoardLine {
  rank: number;
  volunteerId: number;
  nameEnc: string;
  orgCode: string;
  orgName: string | null;
  points: number;
  hours: number;
}

/**
 * Where a period's totals are read and how they are filtered: one month or one calendar year read the month's
 * or the year's rows, already ordered by an index for a street or a community (the top comes straight off the
 * index); any other span sums the months of the area.
 */
function boardSource(code: string, period: { from: string; to: string }): SQL {
  const area =
    code.length === 9 ? sql`street_code = ${code}` : code.length === 12 ? sql`org_code = ${code}` : null;
  const year = period.from.slice(0, 4);
  const wholeYear = period.from === `${year}-01-01` && period.to.slice(0, 4) === year;
  if (area && period.from === period.to) {
    return sql`select volunteer_id, points, hours::float8 as hours from volunteer_points_monthly
               where ${area} and month = ${period.from}::date`;
  }
  if (area && wholeYear) {
    // the months after `to` of the year are still to come, so the year's total is the span's total
    const current = period.to >= new Date().toISOString().slice(0, 7);
    if (current || period.to.slice(5, 7) === '12') {
      return sql`select volunteer_id, points, hours::float8 as hours from volunteer_points_yearly
                 where ${area} and year = ${Number(year)}`;
    }
  }
  return sql`select volunteer_id, sum(points)::int as points, sum(hours)::float8 as hours
             from volunteer_points_monthly
             where org_code like ${`${code}%`} and month between ${period.from}::date and ${period.to}::date
             group by volunteer_id`;
}

/**
 * The leaderboard of an area for a period: points earned (service and valid reports, less reversals) and
 * hours, best first, from the monthly or yearly totals (see boardSource).
 */
export function leaderboard(
  db: Db,
  code: string,
  period: { from: string; to: string },
  limit: number,
): Promise<BoardLine[]> {
  return rows<BoardLine>(
    db,
    sql`with top as (
          select volunteer_id, points, hours from (${boardSource(code, period)}) s
          order by points desc, volunteer_id
          limit ${limit})
        select (row_number() over (order by t.points desc, t.volunteer_id))::int as rank,
          t.volunteer_id as "volunteerId", p.name_enc as "nameEnc", v.org_code as "orgCode", n.name as "orgName",
          t.points, t.hours
        from top t join volunteers v on v.id = t.volunteer_id join persons p on p.id = v.person_id
          left join org_nodes n on n.code = v.org_code
        order by rank`,
  );
}

export interface NodeCount {
  code: string;
  name: string;
  level: string;
  volunteers: number;
  active: number;
  ambassadors: number;
  teams: number;
  activities: number;
  hours: number;
}

/**
 * Counts per org node (the seeds' figures: ambassadors and activities): the node itself first, then each
 * child down to the community level. Ambassadors are the volunteers selected (选树) or further, not retired.
 */
export async function countsByNode(db: Db, code: string): Promise<NodeCount[]> {
  const node = await one<{ id: number; level: string }>(
    db,
    sql`select id, level from org_nodes where code = ${code}`,
  );
  if (!node) return [];
  const children = node.level === 'district' || node.level === 'street';
  return rows<NodeCount>(
    db,
    sql`select n.code, n.name, n.level,
          (select count(*) from volunteers v where v.org_code like n.code || '%' and v.stage <> 'retired')::int
            as volunteers,
          (select count(*) from volunteers v where v.org_code like n.code || '%' and v.stage = 'active')::int
            as active,
          (select count(*) from volunteers v where v.org_code like n.code || '%'
            and v.stage in ('selected', 'trained', 'active'))::int as ambassadors,
          (select count(*) from volunteer_teams t where t.org_code like n.code || '%')::int as teams,
          (select count(*) from volunteer_activities a where a.org_code like n.code || '%')::int as activities,
          (select coalesce(sum(m.hours), 0) from volunteer_points_monthly m where m.org_code like n.code || '%')::float8
            as hours
        from org_nodes n
        where n.id = ${node.id} ${children ? sql`or n.parent_id = ${node.id}` : sql``}
        order by length(n.code), n.code`,
  );
}

export interface ServiceRecord {
  signupId: number;
  nameEnc: string;
  idType: string;
  idNumberEnc: string | null;
  gender: string | null;
  orgName: string | null;
  categoryName: string;
  title: string;
  typeName: string;
  teamName: string | null;
  place: string;
  startsAt: Date;
  endsAt: Date;
  hours: number;
  verifiedAt: Date;
  organiser: string | null;
}

/** Verified service records of an area in a period (by the activity's start), keyset-paged by sign-up id. */
export function serviceRecords(
  db: Db,
  code: string,
  period: { from: string; to: string },
  after: number,
  limit: number,
): Promise<ServiceRecord[]> {
  return rows<ServiceRecord>(
    db,
    sql`select s.id as "signupId", p.name_enc as "nameEnc", p.id_type as "idType", p.id_number_enc as "idNumberEnc",
          p.gender, n.name as "orgName", c.name as "categoryName", a.title, ty.name as "typeName",
          t.name as "teamName", a.place, a.starts_at as "startsAt", a.ends_at as "endsAt", s.hours::float8 as hours,
          s.verified_at as "verifiedAt", u.display_name as organiser
        from volunteer_signups s
          join volunteer_activities a on a.id = s.activity_id
          join volunteer_activity_types ty on ty.code = a.type_code
          join volunteers v on v.id = s.volunteer_id
          join volunteer_categories c on c.code = v.category_code
          join persons p on p.id = v.person_id
          left join org_nodes n on n.code = v.org_code
          left join volunteer_teams t on t.id = a.team_id
          left join users u on u.id = s.verified_by
        where a.org_code like ${`${code}%`} and s.verified_at is not null and s.id > ${after}
          -- a date AT TIME ZONE is read as midnight UTC first: the cast to timestamp makes it Beijing midnight
          and a.starts_at >= ${period.from}::date::timestamp at time zone 'Asia/Shanghai'
          and a.starts_at < (${period.to}::date + interval '1 month') at time zone 'Asia/Shanghai'
        order by s.id limit ${limit}`,
  );
}
