import { levelOfCode } from '@civicgrid/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { forbidden, notFound } from '../../infra/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition, scopesFor } from '../auth/policy.ts';

/** District codes over which the actor holds an action across the whole district. */
export function districtScopes(actor: Actor, action: 'inspection.read' | 'inspection.run'): string[] {
  return scopesFor(actor, action).filter((s) => levelOfCode(s) === 'district');
}

const codesArray = (codes: string[]) => sql`${`{${codes.join(',')}}`}::text[]`;

/**
 * The SQL condition (over `inspections i`) of the inspections an actor sees: those they lead, created or walk
 * with; every inspection of a district where they read inspections district-wide; and those with a stop in an
 * area where they read inspections — except an unsubmitted 暗访, which the streets and communities inspected
 * must not learn of before it is over (PRODUCT §5).
 */
export function inspectionVisibleSql(actor: Actor): SQL {
  const uid = actor.userId;
  const districts = districtScopes(actor, 'inspection.read');
  return sql`(i.leader_id = ${uid} or i.created_by = ${uid}
    or exists (select 1 from inspection_team m where m.inspection_id = i.id and m.user_id = ${uid})
    or (select d.code from org_nodes d where d.id = i.district_id) = any(${codesArray(districts)})
    or ((i.kind <> 'undercover' or i.state = 'submitted')
        and exists (select 1 from inspection_stops s where s.inspection_id = i.id
                    and (${scopeCondition(actor, 'inspection.read', sql`s.org_code`)}))))`;
}

/** An inspection as the access checks need it. */
export interface InspectionHead {
  id: number;
  districtId: number;
  districtCode: string;
  kind: string;
  state: string;
  leaderId: string;
  createdBy: string;
  onTeam: boolean;
}

/** The inspection if the actor may see it; 404 otherwise (its existence is not revealed). */
export async function loadVisibleInspection(db: Db, actor: Actor, id: number): Promise<InspectionHead> {
  const head = await one<InspectionHead>(
    db,
    sql`select i.id, i.district_id as "districtId", d.code as "districtCode", i.kind, i.state,
          i.leader_id as "leaderId", i.created_by as "createdBy",
          exists (select 1 from inspection_team m where m.inspection_id = i.id and m.user_id = ${actor.userId})
            as "onTeam"
        from inspections i join org_nodes d on d.id = i.district_id
        where i.id = ${id} and ${inspectionVisibleSql(actor)}`,
  );
  if (!head) throw notFound();
  return head;
}

/**
 * True when the actor may walk, answer and submit this inspection: its leader or a member of its team, or
 * anyone who runs inspections across its district (a leader or inspector standing in). Having created it grants
 * nothing more: a creator who no longer runs inspections in its district stands in no longer.
 */
export function mayRun(actor: Actor, head: InspectionHead): boolean {
  return (
    head.leaderId === actor.userId ||
    head.onTeam ||
    districtScopes(actor, 'inspection.run').includes(head.districtCode)
  );
}

/**
 * The SQL condition (over `rectifications r`) of the rows an actor reads: rows in an area where they read
 * inspections, and the rows their unit is responsible for.
 */
export function rectificationVisibleSql(actor: Actor): SQL {
  const units = actor.grants
    .filter((g) => g.role === 'unit_handler' && g.unitId !== null)
    .map((g) => g.unitId);
  return sql`((${scopeCondition(actor, 'inspection.read', sql`r.org_code`)})
    or r.unit_id = any(${`{${units.join(',')}}`}::int[]))`;
}

/** Throws 403 unless the actor reads some rectification rows: inspections somewhere, or a unit's rows. */
export function assertReadsRectifications(actor: Actor): void {
  const unit = actor.grants.some((g) => g.role === 'unit_handler' && g.unitId !== null);
  if (!unit && scopesFor(actor, 'inspection.read').length === 0) throw forbidden();
}
