import type { Actor } from '../auth/actor.ts';
import { assertAnywhere, assertCan } from '../auth/policy.ts';

/**
 * The check of every list of the module: the caller reads volunteers somewhere (403 otherwise) and, when the
 * list is narrowed to an org node, reads them there (404 or 403 as the policy decides).
 */
export function assertReadsArea(actor: Actor, org: string | undefined): void {
  assertAnywhere(actor, 'volunteer.read');
  if (org) assertCan(actor, 'volunteer.read', org);
}
