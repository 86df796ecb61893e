import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { kpiCounts, type RateName, type Ratio, ratesOf, touchedIds, windowOf } from './kpi-definitions.ts';
import type { Period } from './period.ts';

/** The KPIs of one group (an org node or a unit) with the number of cases reported in it in the period. */
export interface GroupKpis {
  key: string;
  reported: number;
  /** the cases the group was judged on: due to dispose, due to close or reported (a ranking's volume) */
  volume: number;
  rates: Record<RateName, Ratio>;
}

/**
 * The KPIs of every org node of one code length under `under` (streets, communities or grids), or of every
 * unit holding cases under it, in one grouped query with the same counts as `caseKpis` (kpi-definitions.ts).
 * A unit's figures are those of the cases it holds (`unit_id`), 回退率 included.
 */
export async function kpisByGroup(
  db: Db,
  q: { by: 'org'; length: number; under: string } | { by: 'unit'; under: string },
  period: Period,
  now = new Date(),
): Promise<Map<string, GroupKpis>> {
  const w = windowOf(period, now);
  const key = q.by === 'org' ? sql`left(c.org_code, ${q.length})` : sql`c.unit_id::text`;
  const narrow = q.by === 'org' ? sql`length(c.org_code) >= ${q.length}` : sql`c.unit_id is not null`;
  const found = await rows<Record<string, unknown> & { key: string }>(
    db,
    sql`select ${key} as key, ${kpiCounts(w)}
        from cases c
        where c.org_code like ${`${q.under}%`} and ${narrow} and ${touchedIds(w, q.under)}
        group by 1`,
  );
  const out = new Map<string, GroupKpis>();
  for (const r of found) {
    out.set(r.key, {
      key: r.key,
      reported: Number(r.reported ?? 0),
      volume: Math.max(Number(r.dispose_due ?? 0), Number(r.close_due ?? 0), Number(r.reported ?? 0)),
      rates: ratesOf(r),
    });
  }
  return out;
}
