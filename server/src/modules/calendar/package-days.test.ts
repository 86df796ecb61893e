import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { PACKAGE_YEARS, packageDay } from './package-days.ts';
import { daysOfYear } from './queries.ts';

describe('packageDay', () => {
  it('agrees with the chinese-days functions on every day the package covers from 2024', () => {
    for (const year of [2024, 2025, 2026]) {
      for (const day of daysOfYear(year))
        expect(packageDay(day).isWorkday, day).toBe(chineseDays.isWorkday(day));
    }
  });

  it('names holidays and 调休 days and knows which years the package covers', () => {
    expect(packageDay('2026-10-01')).toEqual({
      kind: 'holiday',
      isWorkday: false,
      nameZh: '国庆节',
      nameEn: 'National Day',
    });
    expect(packageDay('2026-09-20')).toMatchObject({ kind: 'makeup', isWorkday: true, nameZh: '国庆节' });
    expect(packageDay('2026-03-07')).toEqual({
      kind: 'weekend',
      isWorkday: false,
      nameZh: null,
      nameEn: null,
    });
    expect(packageDay('2026-03-09')).toMatchObject({ kind: 'workday', isWorkday: true });
    expect(PACKAGE_YEARS.has(2004)).toBe(true);
    expect(PACKAGE_YEARS.has(2026)).toBe(true);
    expect(PACKAGE_YEARS.has(2003)).toBe(false);
  });

  it('falls back to plain weekends for a year the package does not cover yet', () => {
    expect(packageDay('2030-10-01')).toMatchObject({ kind: 'workday', isWorkday: true });
    expect(packageDay('2030-10-05')).toMatchObject({ kind: 'weekend', isWorkday: false });
  });
});
