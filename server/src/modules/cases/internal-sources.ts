import { INTERNAL_SOURCES } from '@civicgrid/shared';
import type { Actor } from '../auth/actor.ts';
import { scopesFor } from '../auth/policy.ts';

/** Whether a case comes from an internal source (暗访, 督查, 模拟测评, leader, device): never public. */
export function isInternalSource(source: string): boolean {
  return (INTERNAL_SOURCES as readonly string[]).includes(source);
}

/**
 * The org codes under which the actor may be shown cases from internal sources: the areas where they read
 * cases as staff (`case.read`, as for the case list). Empty for unit handlers, residents, volunteers and
 * anonymous callers, who are shown public sources only.
 */
export function internalSourceScopes(actor: Actor | null): string[] {
  return actor ? scopesFor(actor, 'case.read') : [];
}

/** The scopes as a PostgreSQL text[] literal of LIKE patterns ('{411602001%}'; org codes are digits only). */
export function scopePatterns(scopes: string[]): string {
  return `{${scopes.map((s) => `${s}%`).join(',')}}`;
}
