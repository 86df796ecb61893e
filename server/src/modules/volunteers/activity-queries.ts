import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';

/** An activity as the routes load it, with its place as coordinates and its type's coefficient. */
export interface ActivityRow {
  id: number;
  orgCode: string;
  orgName: string | null;
  teamId: number | null;
  teamName: string | null;
  organiserId: string;
  organiserName: string | null;
  title: string;
  typeCode: string;
  typeName: string;
  coefficient: number;
  place: string;
  lng: number;
  lat: number;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  signedUp: number;
  /** the grid the place lies in (null for activities created before places were checked) */
  gridCode: string | null;
  gridName: string | null;
}

const ACTIVITY = sql`select a.id, a.org_code as "orgCode", n.name as "orgName", a.team_id as "teamId",
    t.name as "teamName", a.organiser_id as "organiserId", u.display_name as "organiserName", a.title,
    a.type_code as "typeCode", ty.name as "typeName", ty.coefficient::float8 as coefficient, a.place,
    st_x(a.geom) as lng, st_y(a.geom) as lat, a.starts_at as "startsAt", a.ends_at as "endsAt", a.capacity,
    a.signed_up as "signedUp", a.grid_code as "gridCode", g.name as "gridName"
  from volunteer_activities a
  join volunteer_activity_types ty on ty.code = a.type_code
  left join org_nodes n on n.code = a.org_code
  left join volunteer_teams t on t.id = a.team_id
  left join users u on u.id = a.organiser_id
  left join org_nodes g on g.code = a.grid_code`;

/** One activity by id, or null. */
export function findActivity(db: Db, id: number): Promise<ActivityRow | null> {
  return one<ActivityRow>(db, sql`${ACTIVITY} where a.id = ${id}`);
}

/** Activities whose area satisfies the condition, newest first. */
export function listActivities(db: Db, where: SQL, limit = 200): Promise<ActivityRow[]> {
  return rows<ActivityRow>(
    db,
    sql`${ACTIVITY} where ${where} order by a.starts_at desc, a.id desc limit ${limit}`,
  );
}

/** True when a volunteer of `volunteerCode` may join an activity of `activityCode`: their own area or above. */
export function activityOpenTo(activityCode: string, volunteerCode: string): boolean {
  return volunteerCode.startsWith(activityCode);
}

/**
 * Activities a volunteer may join: of their community or the street above it, not ended more than 30 days
 * ago, with their own sign-up's state.
 */
export function activitiesForVolunteer(db: Db, v: { id: number; orgCode: string }) {
  return rows<
    ActivityRow & {
      signupId: number | null;
      signedInAt: Date | null;
      signedOutAt: Date | null;
      hours: number | null;
      verifiedAt: Date | null;
      photoIds: string[];
    }
  >(
    db,
    sql`select x.*, s.id as "signupId", s.signed_in_at as "signedInAt", s.signed_out_at as "signedOutAt",
          s.hours::float8 as hours, s.verified_at as "verifiedAt",
          coalesce((select array_agg(p.id::text order by p.created_at, p.id) from volunteer_activity_photos p
            where p.activity_id = x.id), '{}') as "photoIds"
        from (${ACTIVITY} where ${v.orgCode} like a.org_code || '%' and a.ends_at > now() - interval '30 days') x
        left join volunteer_signups s on s.activity_id = x.id and s.volunteer_id = ${v.id}
        order by x."startsAt" desc limit 100`,
  );
}

export interface SignupRow {
  id: number;
  volunteerId: number;
  nameEnc: string;
  signedUpAt: Date;
  signedInAt: Date | null;
  signedOutAt: Date | null;
  inDistanceM: number | null;
  hours: number | null;
  verifiedAt: Date | null;
}

/** The sign-ups of an activity, in the order they came. */
export function activitySignups(db: Db, activityId: number): Promise<SignupRow[]> {
  return rows<SignupRow>(
    db,
    sql`select s.id, s.volunteer_id as "volunteerId", p.name_enc as "nameEnc", s.signed_up_at as "signedUpAt",
          s.signed_in_at as "signedInAt", s.signed_out_at as "signedOutAt", s.in_distance_m as "inDistanceM",
          s.hours::float8 as hours, s.verified_at as "verifiedAt"
        from volunteer_signups s join volunteers v on v.id = s.volunteer_id join persons p on p.id = v.person_id
        where s.activity_id = ${activityId} order by s.id`,
  );
}

/** A photo of an activity as the pages list it. */
export interface ActivityPhotoRow {
  id: string;
  createdAt: Date;
  /** the staff member's display name, or null when a volunteer attached it from the phone */
  staffName: string | null;
  fromVolunteer: boolean;
}

/** The photos of an activity, oldest first. */
export function activityPhotos(db: Db, activityId: number): Promise<ActivityPhotoRow[]> {
  return rows<ActivityPhotoRow>(
    db,
    sql`select p.id::text as id, p.created_at as "createdAt",
          case when p.volunteer_id is null then u.display_name end as "staffName",
          p.volunteer_id is not null as "fromVolunteer"
        from volunteer_activity_photos p left join users u on u.id = p.uploaded_by
        where p.activity_id = ${activityId} order by p.created_at, p.id`,
  );
}

/** One activity photo with what deciding access needs (its activity's area), or null. */
export function findActivityPhoto(
  db: Db,
  id: string,
): Promise<{ id: string; mime: string; activityId: number; orgCode: string } | null> {
  return one(
    db,
    sql`select p.id::text as id, p.mime, p.activity_id as "activityId", a.org_code as "orgCode"
        from volunteer_activity_photos p join volunteer_activities a on a.id = p.activity_id
        where p.id = ${id}::uuid`,
  );
}
