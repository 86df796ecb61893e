import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';

export interface PointInput {
  name: string;
  pointTypeId: number;
  address?: string | null;
  location: { lng: number; lat: number };
  leaderId?: string | null;
  unitId?: number | null;
  active?: boolean;
}

/**
 * Creates an inspection point (id omitted) or updates one, in the district given: the grid is the one the
 * location lies in, the leader a user with a grant in the district, the unit one of the district's units.
 * Returns the point's id and grid code.
 */
export async function savePoint(
  db: Db,
  a: {
    district: { id: number; code: string };
    id?: number;
    input: PointInput;
    by: { actorId: string | null; ip: string | null; isDemo?: boolean };
  },
): Promise<{ id: number; orgCode: string }> {
  const { input, district } = a;
  const { lng, lat } = input.location;
  const grid = await one<{ id: number; code: string }>(
    db,
    sql`select id, code from org_nodes where level = 'grid' and code like ${`${district.code}%`}
          and valid_to is null and st_contains(geom, st_setsrid(st_point(${lng}, ${lat}), 4326))
        order by code limit 1`,
  );
  if (!grid)
    throw new AppError('VALIDATION_FAILED', 400, [
      { field: 'body/location', message: 'not in any grid of the district' },
    ]);
  const refs = await one<{ type: boolean; leader: boolean; unit: boolean }>(
    db,
    sql`select exists (select 1 from inspection_point_types where id = ${input.pointTypeId}) as type,
          (${input.leaderId ?? null}::uuid is null or exists (select 1 from grants g join org_nodes n on n.id = g.org_node_id
            where g.user_id = ${input.leaderId ?? null}::uuid and n.code like ${`${district.code}%`})) as leader,
          (${input.unitId ?? null}::int is null or exists (select 1 from units u where u.id = ${input.unitId ?? null}::int
            and u.district_id = ${district.id})) as unit`,
  );
  for (const [field, ok] of Object.entries(refs ?? {})) {
    if (!ok)
      throw new AppError('VALIDATION_FAILED', 400, [
        {
          field: `body/${field === 'type' ? 'pointTypeId' : `${field}Id`}`,
          message: 'unknown in this district',
        },
      ]);
  }
  return db.transaction(async (tx) => {
    const values = sql`${grid.id}, ${grid.code}, ${input.pointTypeId}, ${input.name}, ${input.address ?? null},
      st_setsrid(st_point(${lng}, ${lat}), 4326), ${input.leaderId ?? null}::uuid, ${input.unitId ?? null}::int,
      ${input.active ?? true}`;
    const row = a.id
      ? await one<{ id: number }>(
          tx,
          sql`update inspection_points set (grid_id, org_code, point_type_id, name, address, location, leader_id,
                unit_id, active, updated_at) = (${values}, now())
              where id = ${a.id} and district_id = ${district.id} returning id`,
        )
      : await one<{ id: number }>(
          tx,
          sql`insert into inspection_points (grid_id, org_code, point_type_id, name, address, location, leader_id,
                unit_id, active, district_id, is_demo)
              values (${values}, ${district.id}, ${a.by.isDemo ?? false}) returning id`,
        );
    if (!row) throw new AppError('NOT_FOUND', 404);
    await writeAudit(tx, {
      actorId: a.by.actorId,
      action: a.id ? 'inspection_point.update' : 'inspection_point.create',
      entity: 'inspection_point',
      entityId: row.id,
      scopeCode: grid.code,
      after: input,
      ip: a.by.ip,
    });
    return { id: row.id, orgCode: grid.code };
  });
}
