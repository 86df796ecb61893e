import type { Actor } from '../auth/actor.ts';
import type { CaseRow } from '../cases/case-row.ts';
import { isInternalSource, mayShowInternal } from '../cases/internal-sources.ts';

/**
 * Whether a case may be followed by this caller: not a refused one, and one from an internal source (暗访,
 * 督查 …) only by staff whose area holds it. Everyone else is told it does not exist, as for an unknown handle.
 */
export function mayFollow(c: CaseRow, actor: Actor | null): boolean {
  if (c.state === 'rejected') return false;
  return !isInternalSource(c.source) || mayShowInternal(actor, c.orgCode);
}
