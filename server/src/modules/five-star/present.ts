import { itemMet, type StandardStar, starsEarned } from '@civicgrid/shared';
import type { AnswerRow, AssessmentRow, Branch, EventRow } from './queries.ts';

/**
 * A branch's assessment for the console: the standard it is judged by, its answers (metric-linked ones show
 * the live figure until submission froze them), whether each item is met, the stars the answers earn and
 * the history. Staff of the area only: it holds no personal data beyond the names of the staff who acted.
 */
export function present(
  branch: Branch,
  year: number,
  a: AssessmentRow | null,
  stars: StandardStar[],
  answers: AnswerRow[],
  live: Record<string, number | null | undefined>,
  events: EventRow[],
) {
  const byKey = new Map(answers.map((x) => [x.itemKey, x]));
  const frozen = a !== null && !['draft', 'returned'].includes(a.state);
  const view = Object.fromEntries(
    stars.flatMap((s) =>
      s.items.map((item) => {
        const got = byKey.get(item.key);
        const value = item.metric && !frozen ? (live[item.metric] ?? null) : (got?.value ?? null);
        const answer = {
          value,
          passed: got?.passed ?? null,
          evidence: got?.evidence ?? '',
          computed: Boolean(item.metric),
          review: got?.review ?? null,
          reviewReason: got?.reviewReason ?? null,
          photos: got?.photos ?? [],
        };
        return [item.key, { ...answer, met: itemMet(item, answer) }];
      }),
    ),
  );
  return {
    branch: { code: branch.code, name: branch.name, scope: branch.scope, streetName: branch.streetName },
    year,
    state: a?.state ?? 'draft',
    stars: a?.stars ?? [],
    standard: stars,
    answers: view,
    earned: starsEarned(stars, view),
    submittedAt: a?.submittedAt ?? null,
    reviewedAt: a?.reviewedAt ?? null,
    decidedAt: a?.decidedAt ?? null,
    events,
  };
}
