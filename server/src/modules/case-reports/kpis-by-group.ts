import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { rollupCounts, rollupCovers } from '../rollups/queries.ts';
import {
  kpiCounts,
  NOT_CARE_ALERT,
  type RateName,
  type Ratio,
  ratesOf,
  touchedIds,
  type Window,
  windowOf,
} from './kpi-definitions.ts';
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
 * A unit's figures are those of the cases it holds (`unit_id`), 回退率 included; 复发率 is not computed for
 * units (null).
 */
export async function kpisByGroup(
  db: Db,
  q: { by: 'org'; length: number; under: string } | { by: 'unit'; under: string },
  period: Period,
  now = new Date(),
  /** 'raw' or 'rollups' forces one source (tests compare the two); by default rollups down to communities */
  via: 'auto' | 'raw' | 'rollups' = 'auto',
): Promise<Map<string, GroupKpis>> {
  const w = windowOf(period, now);
  const found =
    via === 'rollups' || (via === 'auto' && (q.by === 'unit' || rollupCovers(q.length)))
      ? await rollupCounts(
          db,
          { org: q.under },
          w,
          q.by === 'org' ? { by: 'org', length: q.length } : { by: 'unit' },
          { recurrence: q.by === 'org' },
        )
      : await rawGroups(db, q, w);
  const out = new Map<string, GroupKpis>();
  for (const r of found) {
    const key = String(r.key);
    out.set(key, {
      key,
      reported: Number(r.reported ?? 0),
      volume: Math.max(Number(r.dispose_due ?? 0), Number(r.close_due ?? 0), Number(r.reported ?? 0)),
      rates: ratesOf(r),
    });
  }
  return out;
}

/** The grouped kpiCounts straight from the cases (groups finer than the rollups' communities). */
function rawGroups(
  db: Db,
  q: { by: 'org'; length: number; under: string } | { by: 'unit'; under: string },
  w: Window,
): Promise<(Record<string, unknown> & { key: string })[]> {
  const key = q.by === 'org' ? sql`left(c.org_code, ${q.length})` : sql`c.unit_id::text`;
  const narrow = q.by === 'org' ? sql`length(c.org_code) >= ${q.length}` : sql`c.unit_id is not null`;
  return rows<Record<string, unknown> & { key: string }>(
    db,
    sql`select ${key} as key, ${kpiCounts(w, undefined, undefined, { recurrence: q.by === 'org' })}
        from cases c
        where c.org_code like ${`${q.under}%`} and ${narrow} and ${NOT_CARE_ALERT} and ${touchedIds(w, q.under)}
        group by 1`,
  );
}

/**
 * The KPIs of coarser org nodes summed from finer ones (communities → streets): every KPI is a ratio of counts,
 * so a street's numerator and denominator are the sums of its communities'. Saves a second grouped scan (and
 * its 复发率 probes) when both levels are needed.
 */
export function rollUp(finer: Map<string, GroupKpis>, length: number): Map<string, GroupKpis> {
  const out = new Map<string, GroupKpis>();
  for (const g of finer.values()) {
    const key = g.key.slice(0, length);
    const acc = out.get(key);
    if (!acc) {
      out.set(key, { key, reported: g.reported, volume: 0, rates: structuredClone(g.rates) });
      continue;
    }
    acc.reported += g.reported;
    for (const name of Object.keys(acc.rates) as (keyof GroupKpis['rates'])[]) {
      acc.rates[name].numerator += g.rates[name].numerator;
      acc.rates[name].denominator += g.rates[name].denominator;
    }
  }
  for (const g of out.values()) {
    for (const r of Object.values(g.rates)) r.rate = r.denominator === 0 ? null : r.numerator / r.denominator;
    g.volume = Math.max(g.rates.disposeRate.denominator, g.rates.closeRate.denominator, g.reported);
  }
  return out;
}
