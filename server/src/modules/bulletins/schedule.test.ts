import { describe, expect, it } from 'vitest';
import { dueOn } from './schedule.ts';

// Mon–Fri work, plus a holiday on Thursday 1 Oct 2026 and Friday 2 Oct 2026
const holidays = new Set(['2026-10-01', '2026-10-02']);
const isWorkday = (d: string) => {
  const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
  return dow >= 1 && dow <= 5 && !holidays.has(d);
};

describe('when bulletins are due', () => {
  it('covers yesterday on a mid-week day', () => {
    expect(dueOn('2026-09-16', isWorkday)).toEqual([{ kind: 'daily', from: '2026-09-15', to: '2026-09-15' }]);
  });

  it('covers the weekend on Monday, with the weekly one for last week', () => {
    expect(dueOn('2026-09-14', isWorkday)).toEqual([
      { kind: 'daily', from: '2026-09-11', to: '2026-09-13' },
      { kind: 'weekly', from: '2026-09-07', to: '2026-09-13' },
    ]);
  });

  it('covers a holiday on the first day after it, and issues the month’s review then', () => {
    // Monday 5 Oct 2026: last working day Wednesday 30 Sep; first working day of October
    expect(dueOn('2026-10-05', isWorkday)).toEqual([
      { kind: 'daily', from: '2026-09-30', to: '2026-10-04' },
      { kind: 'weekly', from: '2026-09-28', to: '2026-10-04' },
      { kind: 'monthly', from: '2026-09-01', to: '2026-09-30' },
    ]);
  });

  it('issues nothing on a day off', () => {
    expect(dueOn('2026-09-13', isWorkday)).toEqual([]);
    expect(dueOn('2026-10-01', isWorkday)).toEqual([]);
  });
});
