import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workdayRule } from './load-calendar.ts';
import { periodProblems, WorkCalendar } from './work-calendar.ts';

/** An instant given in China Standard Time, 'YYYY-MM-DD HH:MM'. */
const cst = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
/** An instant shown in China Standard Time, 'YYYY-MM-DD HH:MM'. */
const show = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const calendar = new WorkCalendar(workdayRule([]));
const hours = (value: number) => ({ value, unit: 'hour' as const });
const days = (value: number) => ({ value, unit: 'day' as const });

describe('the 2026 holidays from chinese-days', () => {
  it('knows National Day (1–7 Oct) and its make-up working days Sun 20 Sep and Sat 10 Oct', () => {
    for (let d = 1; d <= 7; d++) expect(calendar.isWorkday(`2026-10-0${d}`)).toBe(false);
    expect(calendar.isWorkday('2026-09-20')).toBe(true);
    expect(calendar.isWorkday('2026-10-10')).toBe(true);
    expect(calendar.isWorkday('2026-10-11')).toBe(false);
    expect(calendar.isWorkday('2026-09-30')).toBe(true);
  });

  it('puts a 2-working-day deadline from the day before National Day after the holiday', () => {
    expect(show(calendar.addWorkingTime(cst('2026-09-30 10:00'), days(2)))).toBe('2026-10-09 10:00');
    expect(show(calendar.addWorkingTime(cst('2026-09-30 10:00'), days(1)))).toBe('2026-10-08 10:00');
    expect(calendar.workingMinutesBetween(cst('2026-09-30 17:30'), cst('2026-10-08 08:30'))).toBe(0);
  });

  it('counts the 调休 Saturday 10 Oct as a working day, in days and in hours', () => {
    expect(show(calendar.addWorkingTime(cst('2026-09-30 10:00'), days(3)))).toBe('2026-10-10 10:00');
    expect(show(calendar.addWorkingTime(cst('2026-10-09 16:00'), hours(4)))).toBe('2026-10-10 11:00');
    expect(show(calendar.addWorkingTime(cst('2026-09-18 17:00'), hours(1)))).toBe('2026-09-20 09:00');
  });
});

describe('working hours', () => {
  it('walks 4 working hours over the night and the lunch break', () => {
    // Tue 17:15 → 15 min on Tue, 3 h 30 Wed morning, 15 min after lunch
    expect(show(calendar.addWorkingTime(cst('2026-03-10 17:15'), hours(4)))).toBe('2026-03-11 13:45');
    expect(show(calendar.addWorkingTime(cst('2026-03-10 11:00'), hours(4)))).toBe('2026-03-10 16:30');
    expect(show(calendar.addWorkingTime(cst('2026-03-10 16:00'), hours(4)))).toBe('2026-03-11 11:00');
  });

  it('keeps a deadline that falls exactly on the end of a period there', () => {
    expect(show(calendar.addWorkingTime(cst('2026-03-10 17:00'), hours(4)))).toBe('2026-03-11 12:00');
  });

  it('starts counting at the next working period when reported outside working time', () => {
    expect(show(calendar.addWorkingTime(cst('2026-03-14 10:00'), hours(1)))).toBe('2026-03-16 09:30');
    expect(show(calendar.addWorkingTime(cst('2026-03-10 12:30'), hours(1)))).toBe('2026-03-10 14:30');
    expect(show(calendar.addWorkingTime(cst('2026-03-10 06:00'), hours(0.5)))).toBe('2026-03-10 09:00');
    expect(show(calendar.addWorkingTime(cst('2026-03-13 18:00'), days(1)))).toBe('2026-03-17 08:30');
  });

  it('adds a fraction of a day as that share of the working day', () => {
    expect(show(calendar.addWorkingTime(cst('2026-03-10 09:00'), days(1.5)))).toBe('2026-03-11 14:15');
  });

  it('uses the working periods it is given', () => {
    const long = new WorkCalendar(workdayRule([]), [['09:00', '17:00']]);
    expect(long.dayMinutes).toBe(480);
    expect(show(long.addWorkingTime(cst('2026-03-10 16:00'), hours(2)))).toBe('2026-03-11 10:00');
    expect(() => new WorkCalendar(workdayRule([]), [['12:00', '08:00']])).toThrow(RangeError);
  });
});

describe('overrides', () => {
  it('turns a Monday into a holiday for day and hour limits', () => {
    const plain = new WorkCalendar(workdayRule([]));
    const withHoliday = new WorkCalendar(
      workdayRule([{ day: '2026-03-16', isWorkday: false, note: '防汛' }]),
    );
    expect(show(plain.addWorkingTime(cst('2026-03-13 10:00'), days(1)))).toBe('2026-03-16 10:00');
    expect(show(withHoliday.addWorkingTime(cst('2026-03-13 10:00'), days(1)))).toBe('2026-03-17 10:00');
    expect(show(withHoliday.addWorkingTime(cst('2026-03-13 17:00'), hours(1)))).toBe('2026-03-17 09:00');
  });

  it('turns a package holiday into a working day', () => {
    const open = new WorkCalendar(workdayRule([{ day: '2026-10-08', isWorkday: true, note: null }]));
    expect(open.isWorkday('2026-10-08')).toBe(true);
    const shut = new WorkCalendar(workdayRule([{ day: '2026-10-05', isWorkday: true, note: null }]));
    expect(show(shut.addWorkingTime(cst('2026-09-30 10:00'), days(1)))).toBe('2026-10-05 10:00');
  });
});

describe('workingMinutesBetween', () => {
  it('counts a full working week and nothing backwards', () => {
    expect(calendar.workingMinutesBetween(cst('2026-03-09 08:30'), cst('2026-03-13 17:30'))).toBe(5 * 450);
    expect(calendar.workingMinutesBetween(cst('2026-03-10 12:00'), cst('2026-03-10 13:30'))).toBe(0);
    expect(calendar.workingMinutesBetween(cst('2026-03-10 15:00'), cst('2026-03-10 10:00'))).toBe(0);
  });

  // random instants from 2024 to 2026, a span that the package covers, including weekends and holidays
  const instant = fc
    .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 11, 1) })
    .map((ms) => new Date(ms));

  it('inverts addWorkingTime in hours from any instant inside working time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 }), (start, h) => {
        fc.pre(calendar.isWorkingTime(start));
        const deadline = calendar.addWorkingTime(start, hours(h));
        expect(calendar.workingMinutesBetween(start, deadline)).toBe(h * 60);
      }),
      { numRuns: 500 },
    );
  });

  it('inverts addWorkingTime in days, counting from the next working instant', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 }), (start, d) => {
        const from = calendar.nextWorkingInstant(start);
        const deadline = calendar.addWorkingTime(start, days(d));
        expect(calendar.workingMinutesBetween(from, deadline)).toBe(d * 450);
        expect(calendar.isWorkingTime(deadline)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives later deadlines for longer limits and never one on a day off', () => {
    fc.assert(
      fc.property(
        instant,
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (start, a, extra) => {
          const first = calendar.addWorkingTime(start, hours(a));
          const second = calendar.addWorkingTime(start, hours(a + extra));
          expect(second.getTime()).toBeGreaterThanOrEqual(first.getTime());
          expect(calendar.isWorkday(calendar.dayOf(first))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('periodProblems', () => {
  it('accepts increasing, non-overlapping HH:MM periods and names what is wrong otherwise', () => {
    expect(
      periodProblems([
        ['08:30', '12:00'],
        ['13:30', '17:30'],
      ]),
    ).toEqual([]);
    expect(periodProblems([['00:00', '24:00']])).toEqual([]);
    expect(periodProblems([])).toEqual([{ field: 'periods', message: 'give between one and six periods' }]);
    expect(periodProblems([['8:30', '12:00']])[0]!.field).toBe('periods/0');
    expect(periodProblems([['08:30', '25:00']])).toHaveLength(1);
    expect(periodProblems([['12:00', '08:30']])[0]!.message).toBe('must end after it starts');
    expect(
      periodProblems([
        ['08:30', '12:00'],
        ['11:00', '17:30'],
      ])[0]!.message,
    ).toMatch(/overlaps/);
    expect(
      periodProblems([
        ['13:30', '17:30'],
        ['08:30', '12:00'],
      ]),
    ).toHaveLength(1);
    expect(periodProblems([['08:30']])).toHaveLength(1);
  });
});
