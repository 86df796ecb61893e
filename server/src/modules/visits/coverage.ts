import { ORG_CODE_LENGTH } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { Quarter } from './quarter.ts';

/** Visit figures of one org node over a quarter. */
export interface CoverageFigures {
  code: string;
  name: string;
  households: number;
  visitedHouseholds: number;
  /** 走访覆盖率: households visited in the period / households; null without households */
  coverage: number | null;
  visits: number;
  needs: number;
  needsToCases: number;
  replied: number;
  repliedOnTime: number;
  /** 件件有回音: needs whose resident heard back (on the spot or after the case) / needs heard */
  replyRate: number | null;
}

const NEXT_LEVEL_LENGTH: Record<number, number> = {
  [ORG_CODE_LENGTH.district]: ORG_CODE_LENGTH.street,
  [ORG_CODE_LENGTH.street]: ORG_CODE_LENGTH.community,
  [ORG_CODE_LENGTH.community]: ORG_CODE_LENGTH.grid,
  [ORG_CODE_LENGTH.grid]: ORG_CODE_LENGTH.grid,
};

const rate = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

/**
 * Coverage and replies of a node and of each node one level below it, in one pass per table: households by
 * grid, visited households by the visits' org-code prefix (a household counts once however often it was
 * visited), needs heard in the quarter with their replies. Visited households come from `visit_quarters`
 * (one row per household and quarter, kept as visits are recorded), so a community's quarter is a few hundred
 * index entries whatever the number of visits (docs/PERFORMANCE.md).
 */
export async function coverageOf(
  db: Db,
  node: { code: string; name: string },
  q: Quarter,
): Promise<{ total: CoverageFigures; children: CoverageFigures[] }> {
  const len = NEXT_LEVEL_LENGTH[node.code.length] ?? ORG_CODE_LENGTH.grid;
  const prefix = `${node.code}%`;
  // a literal, not a parameter: the grouping expression must be the very one selected
  const cut = sql.raw(String(len));
  const [kids, homes, visited, needs] = await Promise.all([
    rows<{ code: string; name: string }>(
      db,
      sql`select code, name from org_nodes where code like ${prefix} and length(code) = ${len}
            and code <> ${node.code} and valid_to is null order by code`,
    ),
    rows<{ code: string | null; n: number }>(
      db,
      sql`select substr(g.code, 1, ${cut}) as code, count(*)::int as n
          from households h join org_nodes g on g.id = h.grid_id where g.code like ${prefix}
          group by grouping sets ((substr(g.code, 1, ${cut})), ())`,
    ),
    rows<{ code: string | null; households: number; visits: number }>(
      db,
      sql`select substr(org_code, 1, ${cut}) as code, count(*)::int as households, sum(visits)::int as visits
          from visit_quarters where quarter = ${q.name} and org_code like ${prefix}
          group by grouping sets ((substr(org_code, 1, ${cut})), ())`,
    ),
    rows<{ code: string | null; needs: number; cases: number; replied: number; onTime: number }>(
      db,
      sql`select substr(n.org_code, 1, ${cut}) as code, count(*)::int as needs,
            count(*) filter (where n.outcome = 'case')::int as cases,
            count(n.replied_at)::int as replied,
            count(*) filter (where n.replied_at is not null
              and (n.reply_due_at is null or n.replied_at <= n.reply_due_at))::int as "onTime"
          from org_nodes g join visit_needs n on n.org_code = g.code
            and n.created_at >= ${q.start} and n.created_at < ${q.end}
          where g.level = 'grid' and g.code like ${prefix}
          group by grouping sets ((substr(n.org_code, 1, ${cut})), ())`,
    ),
  ]);
  const figures = (code: string | null, name: string): CoverageFigures => {
    const h = homes.find((r) => r.code === code)?.n ?? 0;
    const v = visited.find((r) => r.code === code);
    const n = needs.find((r) => r.code === code);
    return {
      code: code ?? node.code,
      name,
      households: h,
      visitedHouseholds: v?.households ?? 0,
      coverage: rate(v?.households ?? 0, h),
      visits: v?.visits ?? 0,
      needs: n?.needs ?? 0,
      needsToCases: n?.cases ?? 0,
      replied: n?.replied ?? 0,
      repliedOnTime: n?.onTime ?? 0,
      replyRate: rate(n?.replied ?? 0, n?.needs ?? 0),
    };
  };
  return {
    total: figures(null, node.name),
    children: len === node.code.length ? [] : kids.map((k) => figures(k.code, k.name)),
  };
}
