import { invalid } from '../../infra/errors.ts';
import { DISTRICT_OFFSET, districtDay } from '../case-reports/period.ts';

/** A calendar quarter on the district's clock (UTC+8): the visit period (走访周期). */
export interface Quarter {
  /** e.g. `2026Q4` */
  name: string;
  start: Date;
  end: Date;
}

/** The quarter of a year and number (1–4) as the instants [start, end). */
function quarterOf(year: number, q: number): Quarter {
  const month = (q - 1) * 3 + 1;
  const start = new Date(`${year}-${String(month).padStart(2, '0')}-01T00:00:00${DISTRICT_OFFSET}`);
  const next = q === 4 ? `${year + 1}-01` : `${year}-${String(month + 3).padStart(2, '0')}`;
  const end = new Date(`${next}-01T00:00:00${DISTRICT_OFFSET}`);
  return { name: `${year}Q${q}`, start, end };
}

/** The quarter an instant falls in. */
export function quarterAt(at: Date): Quarter {
  const day = districtDay(at);
  return quarterOf(Number(day.slice(0, 4)), Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1);
}

/** A checked `YYYYQn` (400 naming `field` otherwise); the current quarter when absent. */
export function parseQuarter(text: string | undefined, field = '/quarter', now = new Date()): Quarter {
  if (text === undefined) return quarterAt(now);
  const m = /^(\d{4})Q([1-4])$/.exec(text);
  if (!m) throw invalid([{ field, message: 'a quarter such as 2026Q4' }]);
  return quarterOf(Number(m[1]), Number(m[2]));
}
