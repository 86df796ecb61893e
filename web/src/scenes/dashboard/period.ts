import type { Period } from '../../api/stats.ts';
import { districtDay, mondayOf } from '../../components/format-time.ts';

export type PeriodKind = 'week' | 'month' | 'custom';

/** This week (from Monday) or this month up to today, in district days; a custom range as chosen. */
export function periodOf(kind: PeriodKind, custom: Period | null, today = districtDay()): Period {
  if (kind === 'custom' && custom) return custom;
  if (kind === 'week') return { from: mondayOf(today), to: today };
  return { from: `${today.slice(0, 8)}01`, to: today };
}
