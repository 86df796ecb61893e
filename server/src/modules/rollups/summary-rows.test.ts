import { describe, expect, it } from 'vitest';
import { dayStart } from '../case-reports/period.ts';
import { outsideSummaries } from './queries.ts';
import { lastDayOf, monthOf, nextMonth, summaryCovers } from './summary-rows.ts';

describe('summary calendar', () => {
  it('steps months across a year end and finds their last days, leap years included', () => {
    expect(nextMonth('2026-12-01')).toBe('2027-01-01');
    expect(nextMonth('2026-09-01')).toBe('2026-10-01');
    expect(lastDayOf('2024-02-01')).toBe('2024-02-29');
    expect(lastDayOf('2026-02-01')).toBe('2026-02-28');
    expect(monthOf('2026-11-30')).toBe('2026-11-01');
  });

  it('summarises districts and streets only, never a unit or a community', () => {
    expect(summaryCovers('411602')).toBe(true);
    expect(summaryCovers('411602001')).toBe(true);
    expect(summaryCovers('411602001001')).toBe(false);
    expect(summaryCovers('411602', 3)).toBe(false);
    expect(summaryCovers(null)).toBe(false);
  });

  it('leaves to the cases exactly the parts of a window no summary covers', () => {
    const w = { start: dayStart('2026-09-28')!, endAt: new Date('2026-11-03T10:00:00+08:00') };
    const plan = {
      ct: '2026-11-01',
      settled: '2026-11-01',
      dirty: ['2026-09-30'],
      months: ['2026-10-01'],
      days: ['2026-09-28', '2026-11-01'],
    };
    expect(outsideSummaries(w, plan).map((s) => [s.start.toISOString(), s.end.toISOString()])).toEqual([
      [dayStart('2026-09-29')!.toISOString(), dayStart('2026-10-01')!.toISOString()],
      [dayStart('2026-11-02')!.toISOString(), w.endAt.toISOString()],
    ]);
  });
});
