import type { CaseRow } from '../cases/case-row.ts';
import { isInternalSource } from '../cases/internal-sources.ts';

/**
 * Whether a case may be followed: not a refused one, and not one from an internal source (暗访, 督查 …), which
 * has no public view to follow — staff of its area hear of it through their scope instead. Anyone else is told
 * it does not exist, as for an unknown handle.
 */
export function mayFollow(c: CaseRow): boolean {
  return c.state !== 'rejected' && !isInternalSource(c.source);
}
