import { AGE_BANDS, type PopulationStats } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { gridsUnder, type TagRow } from './queries.ts';

/**
 * Residents of an org node by age band and by tag, and its households. Sensitive tags are counted only when
 * `sensitive` (the caller has people.sensitive there); derived tags come from the birth date and the
 * registration date; a retired tag only while someone carries it. Counts only, never a person.
 */
export async function populationOf(
  db: Db,
  code: string,
  tags: TagRow[],
  sensitive: boolean,
): Promise<PopulationStats> {
  const grids = gridsUnder(sql`code like ${`${code}%`}`);
  const bands = sql.join(
    AGE_BANDS.map(
      (b) => sql`count(*) filter (where p.birth_date <= current_date - ${`${b.from} years`}::interval
        ${b.to === null ? sql`` : sql`and p.birth_date > current_date - ${`${b.to} years`}::interval`})::int`,
    ),
    sql`, `,
  );
  const totals = await one<{ residents: number; floating: number; bands: number[]; households: number }>(
    db,
    sql`select count(*)::int as residents, count(p.floating_registered_on)::int as floating,
          array[${bands}] as bands,
          (select count(distinct household_id)::int from persons
             where grid_id = any(${grids}) and status = 'resident') as households
        from persons p where p.grid_id = any(${grids}) and p.status = 'resident'`,
  );
  const assigned = await rows<{ tagId: number; count: number }>(
    db,
    sql`select t.tag_id as "tagId", count(*)::int as count from person_tags t
        join persons p on p.id = t.person_id and p.status = 'resident'
        where t.grid_id = any(${grids}) group by t.tag_id`,
  );
  const t = totals!;
  const age80 = t.bands[AGE_BANDS.findIndex((b) => b.key === '80+')] ?? 0;
  return {
    code,
    residents: t.residents,
    households: t.households,
    byAgeBand: AGE_BANDS.map((b, i) => ({ key: b.key, count: t.bands[i] ?? 0 })),
    byTag: tags
      .filter((tag) => sensitive || !tag.sensitive)
      .map((tag) => ({
        tag,
        count:
          tag.derived === 'age80'
            ? age80
            : tag.derived === 'floating'
              ? t.floating
              : (assigned.find((a) => a.tagId === tag.id)?.count ?? 0),
      }))
      // a retired tag is counted while residents still carry it, and left out once none does
      .filter((x) => !x.tag.retired || x.count > 0),
  };
}
