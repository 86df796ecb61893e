import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { grantAllows } from '../auth/policy.ts';

/** A case photo with what deciding access to its original needs. */
export interface PhotoRecord {
  id: string;
  caseId: number;
  mime: string;
  orgCode: string;
  unitId: number | null;
  coUnitIds: number[];
}

/** One attached photo with its case's org code and units, or null. */
export function findPhoto(db: Db, id: string): Promise<PhotoRecord | null> {
  return one<PhotoRecord>(
    db,
    sql`select p.id, p.case_id as "caseId", p.mime, c.org_code as "orgCode", c.unit_id as "unitId",
          coalesce((select array_agg(cu.unit_id) from case_co_units cu where cu.case_id = c.id), '{}') as "coUnitIds"
        from case_photos p join cases c on c.id = p.case_id
        where p.id = ${id}::uuid`,
  );
}

/**
 * Whether the actor is staff who may see the photo's case: a grant reading cases ('case.read') at its org
 * code, or a handler of the unit holding it (or called in to co-handle it). Unit handlers and volunteers
 * have no 'case.read', so their district- or community-wide grants do not count here.
 */
export function maySeeOriginal(actor: Actor, p: PhotoRecord): boolean {
  return actor.grants.some((g) => {
    if (g.role === 'unit_handler') {
      return g.unitId !== null && (g.unitId === p.unitId || p.coUnitIds.includes(g.unitId));
    }
    return grantAllows(g, 'case.read', p.orgCode);
  });
}
