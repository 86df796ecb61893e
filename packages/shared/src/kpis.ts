/**
 * The names of the case KPIs (docs/kpis.md is their one definition). The server computes them in
 * `server/src/modules/case-reports/kpi-definitions.ts`; the console, rankings and bulletins label them from here.
 */
export const RATE_NAMES = [
  'disposeRate',
  'disposeOnTimeRate',
  'closeRate',
  'closeOnTimeRate',
  'reworkRate',
  'accurateDispatchRate',
  'returnRate',
  'extensionRate',
  'satisfactionRate',
  'validReportRate',
  'missedReportRate',
  'dispatchOnTimeRate',
  'resolveRate',
  'responseRate',
  'recurrenceRate',
] as const;
export type RateName = (typeof RATE_NAMES)[number];

/** A rate with its parts, so the console can show "12/15"; rate is null when the denominator is 0. */
export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/** KPIs where a lower rate is better (the map's colour ramp and rankings read them the other way round). */
export const LOWER_IS_BETTER: readonly RateName[] = [
  'reworkRate',
  'returnRate',
  'extensionRate',
  'missedReportRate',
  'recurrenceRate',
];

/** Grades of a composite score. */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';
