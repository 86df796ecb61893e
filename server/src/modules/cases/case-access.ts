import {
  allowedActions,
  type CaseAction,
  type CaseRelation,
  type Role,
  transitionOf,
} from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { grantAllows } from '../auth/policy.ts';
import { type CaseRow, findCase } from './case-row.ts';

/** How an actor holds a case: the (role, relation) pairs the transition table matches against. */
export type Holds = { role: Role; via: CaseRelation }[];

/**
 * The role/relation pairs an actor has on a case (empty: the case is not theirs to see). An org grant holds
 * the case through its area only when its role reads cases as staff ('case.read'): a volunteer's community
 * grant does not make the community's cases theirs.
 */
export async function holdsOn(db: Db, actor: Actor, c: CaseRow): Promise<Holds> {
  const holds: Holds = [];
  for (const g of actor.grants) {
    if (g.role === 'unit_handler') {
      if (g.unitId !== null && g.unitId === c.unitId) holds.push({ role: g.role, via: 'unit' });
    } else if (grantAllows(g, 'case.read', c.orgCode)) {
      holds.push({ role: g.role, via: 'scope' });
    }
  }
  const unitIds = actor.grants
    .filter((g) => g.role === 'unit_handler' && g.unitId !== null)
    .map((g) => g.unitId!);
  if (unitIds.length) {
    const co = await rows<{ unitId: number }>(
      db,
      sql`select unit_id as "unitId" from case_co_units where case_id = ${c.id}
          and unit_id in (${sql.join(unitIds, sql`, `)})`,
    );
    if (co.length) holds.push({ role: 'unit_handler', via: 'co_unit' });
  }
  // staff entering a hotline or patrol report are not the resident who rates it
  if (c.reporterId === actor.userId && c.source === 'resident')
    holds.push({ role: 'resident', via: 'reporter' });
  // an API client reads back what it reported as the public sees it, with no transitions
  else if (c.reporterId === actor.userId && actor.grants.some((g) => g.role === 'integration'))
    holds.push({ role: 'integration', via: 'reporter' });
  return holds;
}

/** True when these holds let the actor fire action on some case (the table's who, whatever the state). */
export function holdsAllow(holds: Holds, action: CaseAction): boolean {
  return transitionOf(action).who.some((w) => holds.some((h) => h.role === w.role && h.via === w.via));
}

/** A case and how the caller holds it; 404 when it does not exist or the caller may not see it. */
export async function loadHeld(db: Db, actor: Actor, id: number): Promise<{ c: CaseRow; holds: Holds }> {
  const c = await findCase(db, id);
  if (!c) throw notFound();
  const holds = await holdsOn(db, actor, c);
  assertSees(holds);
  return { c, holds };
}

/** Throws 404 unless the actor may see the case at all. */
export function assertSees(holds: Holds): void {
  if (holds.length === 0) throw notFound();
}

/** The transitions the actor may fire now: the table's answer for this state and these holds. */
export function abilitiesOf(c: CaseRow, holds: Holds): CaseAction[] {
  return allowedActions(c.state, holds);
}
