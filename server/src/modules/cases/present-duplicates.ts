import type { FollowHandles } from '../follows/handles.ts';
import type { DuplicateCandidate } from './duplicates.ts';
import { withoutTrackingCodes } from './tracking-code.ts';

/**
 * A duplicate suggestion as anyone receives it (the reporting form, the phone's duplicates sheet): what the
 * problem is, how far away, where it stands and a handle to follow it by. Never the id or the tracking code,
 * so a suggestion gives no right over the case beyond following its public view.
 */
export interface SuggestedCase {
  /** null for a case from an internal source, which staff of its area are shown but nobody follows */
  handle: string | null;
  category: { code: string; nameZh: string; nameEn: string };
  state: string;
  summary: string;
  distanceM: number;
  reportedAt: Date;
}

/** The suggestions for candidates that share one category (the one searched for). */
export function presentSuggestions(
  candidates: DuplicateCandidate[],
  category: { code: string; nameZh: string; nameEn: string },
  handles: FollowHandles,
): SuggestedCase[] {
  return candidates.map((d) => ({
    handle: d.followable ? handles.handleOf(d.id) : null,
    category: { code: category.code, nameZh: category.nameZh, nameEn: category.nameEn },
    state: d.state,
    summary: withoutTrackingCodes(d.summary),
    distanceM: d.distanceM,
    reportedAt: d.reportedAt,
  }));
}
