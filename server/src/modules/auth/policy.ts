import { type Action, levelOfCode, roleAllows } from '@civicgrid/shared';
import { type SQL, sql } from 'drizzle-orm';
import { AppError, forbidden, notFound } from '../../infra/errors.ts';
import type { Actor, ActorGrant } from './actor.ts';

/** True when one grant lets its role do action at the org code (the per-grant form of `can`). */
export function grantAllows(g: ActorGrant, action: Action, code: string): boolean {
  return g.scopeCode !== null && roleAllows(g.role, action) && code.startsWith(g.scopeCode);
}

/**
 * The central permission check. A grant lets its role's actions apply to every org code under the grant's
 * scope code (codes are hierarchical, so "under" is a prefix test). Everything else asks these functions.
 */
export function scopesFor(actor: Actor, action: Action): string[] {
  const codes = actor.grants
    .filter((g) => g.scopeCode !== null && roleAllows(g.role, action))
    .map((g) => g.scopeCode as string);
  // drop codes already covered by a shorter one
  return [...new Set(codes)].filter((c) => !codes.some((o) => o !== c && c.startsWith(o)));
}

/** True when the actor may do action on the object whose org code is given. */
export function can(actor: Actor, action: Action, code: string): boolean {
  return scopesFor(actor, action).some((s) => code.startsWith(s));
}

/**
 * Throws unless the actor may do action at code: 404 when the object is outside everything the actor may
 * see (so its existence is not revealed), 403 when it is visible but the action is not granted.
 */
export function assertCan(actor: Actor, action: Action, code: string): void {
  if (can(actor, action, code)) return;
  if (can(actor, 'org.read', code)) throw forbidden();
  throw notFound();
}

/** Throws 403 unless the actor may do action somewhere. */
export function assertAnywhere(actor: Actor, action: Action): void {
  if (scopesFor(actor, action).length === 0) throw forbidden();
}

/**
 * The check of a list an area's staff read: the actor does action somewhere (403 otherwise) and, when the list
 * is narrowed to an org node, does it there (404 or 403 as assertCan decides).
 */
export function assertListArea(actor: Actor, action: Action, org: string | null | undefined): void {
  assertAnywhere(actor, action);
  if (org) assertCan(actor, action, org);
}

/**
 * Throws 403 unless the actor may do action over a whole district. Settings the district shares (the case
 * taxonomy, the work calendar, Open311 keys) are not for an administrator granted a single street.
 */
export function assertDistrictWide(actor: Actor, action: Action): void {
  districtWideCode(actor, action);
}

/**
 * The code of a district over which the actor may do action district-wide (403 when none). What a command
 * creates "in the caller's district" goes there — never in the district of whichever grant comes first, which
 * may be a single street of another district.
 */
export function districtWideCode(actor: Actor, action: Action): string {
  const code = scopesFor(actor, action).find((s) => levelOfCode(s) === 'district');
  if (!code) throw forbidden();
  return code;
}

/**
 * A SQL condition limiting an org-code column to the actor's scopes for action (false when none); `under`
 * says how a scope code matches (a prefix by default; the case lists pass `underOrg`, org/code-match.ts).
 */
export function scopeCondition(
  actor: Actor,
  action: Action,
  column: SQL,
  under: (column: SQL, code: string) => SQL = (c, code) => sql`${c} like ${`${code}%`}`,
): SQL {
  const scopes = scopesFor(actor, action);
  if (scopes.length === 0) return sql`false`;
  return sql.join(
    scopes.map((s) => under(column, s)),
    sql` or `,
  );
}

/** Throws 401 when no one is logged in. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 401);
  return actor;
}
