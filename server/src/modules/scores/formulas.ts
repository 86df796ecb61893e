import type { Grade, RateName, Ratio } from '@civicgrid/shared';

/** Which entity a score is for: a responsible unit or an area (street, community). */
export type ScoreKind = 'unit' | 'area';

/** One term of a composite score: a KPI, taken as is or inverted (1 − rate) for rates where less is better. */
export interface Term {
  rate: RateName;
  weight: number;
  invert: boolean;
}

/** Weights of both composite scores; admin-editable (PUT /api/scores/settings), defaults from PRODUCT.md §5. */
export interface ScoreSettings {
  unit: Term[];
  area: Term[];
  /** the fewest cases (judged in the window) an entity needs to be ranked */
  minCases: number;
}

export const DEFAULT_SCORE_SETTINGS: ScoreSettings = {
  // unit = 100 × (0.6 按期处置率 + 0.3 处置率 + 0.1 (1 − 返工率))
  unit: [
    { rate: 'disposeOnTimeRate', weight: 0.6, invert: false },
    { rate: 'disposeRate', weight: 0.3, invert: false },
    { rate: 'reworkRate', weight: 0.1, invert: true },
  ],
  // area = 100 × (0.35 按期结案率 + 0.2 结案率 + 0.15 (1 − 漏报率) + 0.15 满意率 + 0.15 (1 − 复发率))
  area: [
    { rate: 'closeOnTimeRate', weight: 0.35, invert: false },
    { rate: 'closeRate', weight: 0.2, invert: false },
    { rate: 'missedReportRate', weight: 0.15, invert: true },
    { rate: 'satisfactionRate', weight: 0.15, invert: false },
    { rate: 'recurrenceRate', weight: 0.15, invert: true },
  ],
  minCases: 10,
};

export type { Grade } from '@civicgrid/shared';

/** A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below (PRODUCT.md §5); null for no score. */
export function gradeOf(score: number | null): Grade | null {
  if (score === null) return null;
  if (score >= 90) return 'A';
  if (score >= 75) return 'B';
  if (score >= 60) return 'C';
  if (score >= 40) return 'D';
  return 'E';
}

/**
 * 100 × Σ weight × value over the terms whose rate has a denominator. A term without one (nothing was due,
 * rated, checked …) is left out and the remaining weights are scaled up to their full sum, so an entity is
 * judged on what it had to do rather than scored 0 or 100 on nothing; null when no term has a value. Rounded
 * to one decimal, the precision printed on rankings and bulletins (ties are judged on this value).
 */
export function compositeScore(terms: readonly Term[], rates: Record<RateName, Ratio>): number | null {
  let sum = 0;
  let weights = 0;
  let total = 0;
  for (const t of terms) {
    total += t.weight;
    const r = rates[t.rate]?.rate;
    if (r === null || r === undefined) continue;
    sum += t.weight * (t.invert ? 1 - r : r);
    weights += t.weight;
  }
  if (weights === 0) return null;
  return Math.round(((100 * sum * total) / weights) * 10) / 10;
}
