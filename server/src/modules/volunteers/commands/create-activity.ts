import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { locatePoint } from '../../org/queries.ts';

export interface ActivityInput {
  orgCode: string;
  teamId?: number;
  title: string;
  typeCode: string;
  place: string;
  location: { lng: number; lat: number };
  startsAt: string;
  endsAt: string;
  capacity: number;
}

/**
 * Creates an activity organised by the caller; the team, when given, must be of the same area or above. The
 * place must lie in a grid of the activity's district (ACTIVITY_OUTSIDE_DISTRICT otherwise): the GPS check of
 * every sign-in measures from it, so a point typed or clicked far off would lock every volunteer out. The
 * grid is kept with the activity.
 */
export async function createActivity(
  db: Db,
  actor: Actor,
  input: ActivityInput,
  ip: string,
): Promise<number> {
  if (new Date(input.endsAt) <= new Date(input.startsAt)) {
    throw new AppError('VALIDATION_FAILED', 400, [{ field: 'body/endsAt' }]);
  }
  return db.transaction(async (tx) => {
    const type = await one(tx, sql`select 1 from volunteer_activity_types where code = ${input.typeCode}`);
    if (!type) throw new AppError('VALIDATION_FAILED', 400, [{ field: 'body/typeCode' }]);
    const hit = await locatePoint(tx, input.location.lng, input.location.lat);
    // a community's activity may take place in a neighbouring community, but not outside the district
    if (!hit?.grid.code.startsWith(input.orgCode.slice(0, 6))) {
      throw new AppError('ACTIVITY_OUTSIDE_DISTRICT', 422, [{ field: 'body/location' }]);
    }
    if (input.teamId) {
      const team = await one<{ orgCode: string }>(
        tx,
        sql`select org_code as "orgCode" from volunteer_teams where id = ${input.teamId}`,
      );
      if (!team || !(input.orgCode.startsWith(team.orgCode) || team.orgCode.startsWith(input.orgCode))) {
        throw new AppError('VALIDATION_FAILED', 400, [{ field: 'body/teamId' }]);
      }
    }
    const row = await one<{ id: number }>(
      tx,
      sql`insert into volunteer_activities (org_code, team_id, organiser_id, title, type_code, place, geom,
            starts_at, ends_at, capacity, grid_code)
          values (${input.orgCode}, ${input.teamId ?? null}, ${actor.userId}, ${input.title.trim()}, ${input.typeCode},
            ${input.place.trim()}, st_setsrid(st_makepoint(${input.location.lng}, ${input.location.lat}), 4326),
            ${input.startsAt}, ${input.endsAt}, ${input.capacity}, ${hit.grid.code})
          returning id`,
    );
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'volunteer.activity.create',
      entity: 'volunteer_activity',
      entityId: row!.id,
      scopeCode: input.orgCode,
      after: { title: input.title, capacity: input.capacity, gridCode: hit.grid.code },
      ip,
    });
    return row!.id;
  });
}
