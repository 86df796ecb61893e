import { describe, expect, it } from 'vitest';
import { RATE_NAMES, type RateName, type Ratio, ratio } from '../case-reports/kpi-definitions.ts';
import { compositeScore, DEFAULT_SCORE_SETTINGS, gradeOf } from './formulas.ts';

const rates = (given: Partial<Record<RateName, Ratio>>) =>
  Object.fromEntries(RATE_NAMES.map((n) => [n, given[n] ?? ratio(0, 0)])) as Record<RateName, Ratio>;

describe('composite scores (PRODUCT.md §5)', () => {
  it('scores a unit by hand: 100 × (0.6 × 18/20 + 0.3 × 19/20 + 0.1 × (1 − 2/10)) = 54 + 28.5 + 8 = 90.5', () => {
    const r = rates({
      disposeOnTimeRate: ratio(18, 20),
      disposeRate: ratio(19, 20),
      reworkRate: ratio(2, 10),
    });
    expect(compositeScore(DEFAULT_SCORE_SETTINGS.unit, r)).toBe(90.5);
    expect(gradeOf(90.5)).toBe('A');
  });

  it('scores an area by hand', () => {
    // 0.35 × 30/40 + 0.2 × 36/40 + 0.15 × (1 − 5/50) + 0.15 × 8/10 + 0.15 × (1 − 3/30)
    // = 0.2625 + 0.18 + 0.135 + 0.12 + 0.135 = 0.8325 → 83.3 (one decimal)
    const r = rates({
      closeOnTimeRate: ratio(30, 40),
      closeRate: ratio(36, 40),
      missedReportRate: ratio(5, 50),
      satisfactionRate: ratio(8, 10),
      recurrenceRate: ratio(3, 30),
    });
    expect(compositeScore(DEFAULT_SCORE_SETTINGS.area, r)).toBe(83.3);
    expect(gradeOf(83.3)).toBe('B');
  });

  it('leaves out a term with nothing to judge and scales the others to the full weight', () => {
    // no case checked: 100 × (0.6 × 0.5 + 0.3 × 1) / 0.9 = 66.7
    const r = rates({ disposeOnTimeRate: ratio(5, 10), disposeRate: ratio(10, 10) });
    expect(compositeScore(DEFAULT_SCORE_SETTINGS.unit, r)).toBe(66.7);
    expect(compositeScore(DEFAULT_SCORE_SETTINGS.unit, rates({}))).toBeNull();
  });

  it('grades at the stated bounds', () => {
    expect([90, 89.9, 75, 74.9, 60, 59.9, 40, 39.9, 0].map(gradeOf)).toEqual([
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D',
      'E',
      'E',
    ]);
    expect(gradeOf(null)).toBeNull();
  });
});
