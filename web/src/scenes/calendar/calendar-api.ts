import { useQuery } from '@tanstack/react-query';
import { getData, request, sendData } from '../../api/client.ts';

/** One day of GET /api/calendar. */
export interface CalendarDay {
  date: string;
  isWorkday: boolean;
  source: 'package' | 'override' | 'weekend';
  kind: 'holiday' | 'makeup' | 'weekend' | 'workday';
  holidayZh: string | null;
  holidayEn: string | null;
  note: string | null;
}

export const CALENDAR_KEY = 'calendar';

/** Every day of a year, and whether the holiday package covers it. */
export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: [CALENDAR_KEY, 'year', year],
    queryFn: () =>
      request<{ data: CalendarDay[]; packageCoversYear: boolean }>('GET', `/api/calendar?year=${year}`),
  });
}

/** The working periods of a working day, e.g. [['08:30','12:00'],['13:30','17:30']]. */
export function useWorkingHours() {
  return useQuery({
    queryKey: [CALENDAR_KEY, 'hours'],
    queryFn: () => getData<{ periods: [string, string][] }>('/api/calendar/hours'),
  });
}

/** Makes a day a working day or a day off. */
export function saveOverride(day: string, isWorkday: boolean, note: string | null): Promise<unknown> {
  return sendData('PUT', `/api/calendar/overrides/${day}`, { isWorkday, note });
}

/** Gives a day back to the holiday package (or the weekend rule). */
export function removeOverride(day: string): Promise<unknown> {
  return sendData('DELETE', `/api/calendar/overrides/${day}`);
}

/** Replaces the working periods. */
export function saveHours(periods: [string, string][]): Promise<{ periods: [string, string][] }> {
  return sendData('PUT', '/api/calendar/hours', { periods });
}
