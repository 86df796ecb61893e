import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';

export interface BuildingInput {
  name: string;
  /** the public address door plates print; unique within the grid */
  address: string;
  location: { lng: number; lat: number };
}

interface By {
  actorId: string;
  ip: string | null;
}

/** The current grid containing a point, among the grids under the codes given (the caller's scopes). */
async function gridAt(db: Db, at: { lng: number; lat: number }, under: string[]) {
  return one<{ id: number; code: string }>(
    db,
    sql`select id, code from org_nodes where level = 'grid' and valid_to is null
          and (${sql.join(
            under.map((c) => sql`code like ${`${c}%`}`),
            sql` or `,
          )})
          and st_contains(geom, st_setsrid(st_point(${at.lng}, ${at.lat}), 4326))
        order by code limit 1`,
  );
}

/** A taken address within the grid is the user's mistake, told as such rather than a server error. */
function duplicateAddress(err: unknown): never {
  if ((err as { code?: string }).code === '23505')
    throw new AppError('VALIDATION_FAILED', 400, [
      { field: 'body/address', message: 'another building of this grid has this address' },
    ]);
  throw err;
}

/**
 * Creates a building (楼栋) in the grid its location lies in, which must be a grid the caller manages people
 * in (`scopes`), or changes one: a building keeps its grid (its households' scope follows the grid), so a new
 * location must lie in the same grid. Audited.
 */
export async function saveBuilding(
  db: Db,
  a: { id?: number; gridCode?: string; scopes: string[]; input: BuildingInput; by: By },
): Promise<{ id: number; gridCode: string }> {
  const { input } = a;
  const grid = await gridAt(db, input.location, a.id ? [a.gridCode!] : a.scopes);
  if (!grid || (a.id && grid.code !== a.gridCode))
    throw new AppError('VALIDATION_FAILED', 400, [
      {
        field: 'body/location',
        message: a.id ? 'a building stays in its grid' : 'not in a grid where you keep the archive',
      },
    ]);
  const geom = sql`st_setsrid(st_point(${input.location.lng}, ${input.location.lat}), 4326)`;
  return db.transaction(async (tx) => {
    const row = await (a.id
      ? one<{ id: number }>(
          tx,
          sql`update buildings set name = ${input.name}, address = ${input.address}, geom = ${geom},
                updated_at = now() where id = ${a.id} returning id`,
        )
      : one<{ id: number }>(
          tx,
          sql`insert into buildings (grid_id, name, address, geom)
              values (${grid.id}, ${input.name}, ${input.address}, ${geom}) returning id`,
        )
    ).catch(duplicateAddress);
    await writeAudit(tx, {
      actorId: a.by.actorId,
      action: a.id ? 'building.update' : 'building.create',
      entity: 'building',
      entityId: row!.id,
      scopeCode: grid.code,
      after: input,
      ip: a.by.ip,
    });
    return { id: row!.id, gridCode: grid.code };
  });
}
