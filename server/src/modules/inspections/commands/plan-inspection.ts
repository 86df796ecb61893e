import type { InspectionKind } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../../infra/db.ts';
import { AppError, forbidden } from '../../../infra/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { currentVersionIds } from '../checklist-queries.ts';
import { districtScopes } from '../inspection-access.ts';

export interface PlanInput {
  kind: InspectionKind;
  title: string;
  /** YYYY-MM-DD */
  plannedOn: string;
  /** HH:MM, or null */
  plannedTime?: string | null;
  /** defaults to the caller */
  leaderId?: string;
  teamIds?: string[];
  /** the route, in walking order */
  pointIds: number[];
  /** true: started on the spot rather than planned ahead */
  start?: boolean;
}

/** Roles that may lead or walk with an inspection. */
const RUNNER_ROLES = sql`('leader', 'inspector', 'district_admin')`;

/**
 * Plans an inspection (or starts one on the spot): the route's points must be active points of one district
 * where the caller runs inspections, the leader and team people who run them there. Each stop records the
 * current checklist version of its point's type, which the inspection keeps whatever later edits happen.
 */
export async function planInspection(db: Db, actor: Actor, input: PlanInput): Promise<{ id: number }> {
  const pointIds = [...new Set(input.pointIds)];
  if (pointIds.length !== input.pointIds.length) {
    throw new AppError('VALIDATION_FAILED', 400, [
      { field: 'body/pointIds', message: 'a point is listed twice' },
    ]);
  }
  const points = await rows<{
    id: number;
    districtId: number;
    districtCode: string;
    orgCode: string;
    typeId: number;
  }>(
    db,
    sql`select p.id, p.district_id as "districtId", d.code as "districtCode", p.org_code as "orgCode",
          p.point_type_id as "typeId"
        from inspection_points p join org_nodes d on d.id = p.district_id
        where p.id = any(${`{${pointIds.join(',')}}`}::int[]) and p.active`,
  );
  const districts = new Set(points.map((p) => p.districtCode));
  const runs = districtScopes(actor, 'inspection.run');
  if (points.length !== pointIds.length || districts.size !== 1 || !runs.includes(points[0]!.districtCode)) {
    // points the caller cannot plan with are as good as unknown
    throw new AppError('NOT_FOUND', 404, [{ field: 'body/pointIds' }]);
  }
  const districtId = points[0]!.districtId;
  const districtCode = points[0]!.districtCode;
  const leaderId = input.leaderId ?? actor.userId;
  const people = [...new Set([leaderId, ...(input.teamIds ?? [])])];
  const runners = await one<{ n: number }>(
    db,
    sql`select count(distinct g.user_id)::int as n from grants g join org_nodes n on n.id = g.org_node_id
        join users u on u.id = g.user_id
        where g.user_id = any(${`{${people.join(',')}}`}::uuid[]) and g.role in ${RUNNER_ROLES}
          and ${districtCode} like n.code || '%' and not u.disabled`,
  );
  if ((runners?.n ?? 0) !== people.length) {
    throw new AppError('VALIDATION_FAILED', 400, [
      { field: 'body/teamIds', message: 'leader and team must run inspections in this district' },
    ]);
  }
  if (!runs.length) throw forbidden();
  const versions = await currentVersionIds(db, [...new Set(points.map((p) => p.typeId))]);
  const byId = new Map(points.map((p) => [p.id, p]));
  const stops = JSON.stringify(
    pointIds.map((id, i) => {
      const p = byId.get(id)!;
      return { point: id, seq: i + 1, version: versions.get(p.typeId), org: p.orgCode };
    }),
  );
  return insertInspection(db, {
    districtId,
    kind: input.kind,
    title: input.title,
    plannedOn: input.plannedOn,
    plannedTime: input.plannedTime ?? null,
    leaderId,
    createdBy: actor.userId,
    start: input.start ?? false,
    team: people.filter((p) => p !== leaderId),
    stops,
  });
}

/** What insertInspection writes: the inspection, its team, and its stops as JSON `[{point, seq, version, org}]`. */
export interface InspectionRows {
  districtId: number;
  kind: InspectionKind;
  title: string;
  plannedOn: string;
  plannedTime: string | null;
  leaderId: string;
  createdBy: string;
  start: boolean;
  team: string[];
  stops: string;
}

/** Writes a checked plan: the inspection, its team and its stops, in one transaction (or the caller's). */
export function insertInspection(db: Db, r: InspectionRows): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const created = await one<{ id: number }>(
      tx,
      sql`insert into inspections (district_id, kind, title, planned_on, planned_time, leader_id, created_by,
            state, started_at)
          values (${r.districtId}, ${r.kind}, ${r.title}, ${r.plannedOn}::date, ${r.plannedTime}::time,
            ${r.leaderId}, ${r.createdBy}, ${r.start ? 'in_progress' : 'planned'},
            ${r.start ? sql`now()` : sql`null`})
          returning id`,
    );
    const id = created!.id;
    if (r.team.length) {
      await tx.execute(
        sql`insert into inspection_team (inspection_id, user_id)
            select ${id}, u from unnest(${`{${r.team.join(',')}}`}::uuid[]) u`,
      );
    }
    await tx.execute(
      sql`insert into inspection_stops (inspection_id, point_id, seq, checklist_version_id, org_code)
          select ${id}, (x->>'point')::int, (x->>'seq')::int, (x->>'version')::int, x->>'org'
          from jsonb_array_elements(${r.stops}::jsonb) x`,
    );
    return { id };
  });
}
