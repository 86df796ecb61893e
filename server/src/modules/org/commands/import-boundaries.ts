import { ORG_LEVELS } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { type FeatureProblem, validateStructure } from './validate-geojson.ts';

/** Area (in square degrees, about 0.01 m²) below which two touching polygons are not said to overlap. */
const OVERLAP_EPSILON = 1e-12;
/** Tolerance (degrees, about 0.1 m) for a child lying inside its parent, so shared edges pass. */
const CONTAIN_TOLERANCE = 1e-6;

export interface ImportResult {
  created: number;
  updated: number;
}

/**
 * Imports a GeoJSON boundary layer (districts, streets, communities, grids; level from the code length).
 * Every problem is collected and reported with the feature that caused it; if there is any, nothing is
 * written. `scopes` limits the codes the importer may touch (null: anything, for the CLI).
 */
export async function importBoundaries(
  db: Db,
  input: unknown,
  opts: { actorId: string | null; scopes: string[] | null; ip: string | null; isDemo?: boolean },
): Promise<ImportResult> {
  const { features, problems } = validateStructure(input);
  if (opts.scopes) {
    for (const f of features) {
      if (!opts.scopes.some((s) => f.code.startsWith(s))) {
        problems.push({ feature: f.idx, code: f.code, problem: 'outside_your_scope' });
      }
    }
  }
  if (problems.length) throw new AppError('GEOJSON_INVALID', 422, problems);

  return db.transaction(async (tx) => {
    await tx.execute(sql`create temp table imp (
      idx integer, code text, level text, name text, name_en text, kind text,
      valid_from date, valid_to date, geom geometry(MultiPolygon, 4326)) on commit drop`);
    await tx.execute(sql`insert into imp
      select (f->>'idx')::int, f->>'code', f->>'level', f->>'name', f->>'nameEn', f->>'kind',
        (f->>'validFrom')::date, (f->>'validTo')::date,
        st_multi(st_setsrid(st_geomfromgeojson(f->>'geometry'), 4326))
      from jsonb_array_elements(${JSON.stringify(features.map((f) => ({ ...f, geometry: JSON.stringify(f.geometry) })))}::jsonb) f`);
    await tx.execute(sql`create index on imp using gist (geom)`);
    await tx.execute(sql`analyze imp`);
    const found = await spatialProblems(tx);
    if (found.length) throw new AppError('GEOJSON_INVALID', 422, found);

    await tx.execute(sql`insert into audit_log (actor_id, action, entity, entity_id, scope_code, before, after, ip)
      select ${opts.actorId}, case when o.id is null then 'org.create' else 'org.update' end, 'org_node', i.code, i.code,
        case when o.id is null then null else jsonb_build_object('name', o.name, 'kind', o.kind,
          'validFrom', o.valid_from, 'validTo', o.valid_to, 'geomMd5', md5(st_asbinary(o.geom))) end,
        jsonb_build_object('name', i.name, 'kind', i.kind, 'validFrom', i.valid_from, 'validTo', i.valid_to,
          'geomMd5', md5(st_asbinary(i.geom))), ${opts.ip}
      from imp i left join org_nodes o on o.code = i.code`);
    const counts = { created: 0, updated: 0 };
    // parents first, so each child finds its parent's id
    for (const level of ORG_LEVELS) {
      const r = await one<{ created: number; updated: number }>(
        tx,
        sql`with up as (
              insert into org_nodes (code, parent_id, level, kind, name, name_en, geom, valid_from, valid_to, is_demo)
              select i.code, p.id, i.level, i.kind, i.name, i.name_en, i.geom, coalesce(i.valid_from, current_date),
                i.valid_to, ${opts.isDemo ?? false}
              from imp i left join org_nodes p on p.code = left(i.code, length(i.code) - 3)
              where i.level = ${level}
              on conflict (code) do update set name = excluded.name, name_en = excluded.name_en,
                kind = excluded.kind, geom = excluded.geom, valid_from = excluded.valid_from,
                valid_to = excluded.valid_to, updated_at = now()
              returning (xmax = 0) as inserted)
            select count(*) filter (where inserted)::int as created, count(*) filter (where not inserted)::int as updated from up`,
      );
      counts.created += r?.created ?? 0;
      counts.updated += r?.updated ?? 0;
    }
    return counts;
  });
}

/** Invalid polygons, missing parents, overlapping siblings and children outside their parent. */
async function spatialProblems(tx: Db): Promise<FeatureProblem[]> {
  const invalid = await rows<FeatureProblem>(
    tx,
    sql`select idx as feature, code, 'invalid_polygon' as problem, st_isvalidreason(geom) as detail
        from imp where not st_isvalid(geom) order by idx`,
  );
  const orphans = await rows<FeatureProblem>(
    tx,
    sql`select i.idx as feature, i.code, 'parent_missing' as problem,
          'no node with code ' || left(i.code, length(i.code) - 3) as detail
        from imp i where i.level <> 'district'
          and not exists (select 1 from imp p where p.code = left(i.code, length(i.code) - 3))
          and not exists (select 1 from org_nodes p where p.code = left(i.code, length(i.code) - 3))
        order by i.idx`,
  );
  // two joins rather than one union, so each side can use its GiST index
  const overlaps = await rows<FeatureProblem>(
    tx,
    sql`select a.idx as feature, a.code, 'overlaps' as problem, 'overlaps ' || b.code as detail
        from imp a join imp b on b.level = a.level and b.idx > a.idx and st_intersects(a.geom, b.geom)
        where st_isvalid(a.geom) and st_isvalid(b.geom) and left(b.code, 6) = left(a.code, 6)
          and st_area(st_intersection(a.geom, b.geom)) > ${OVERLAP_EPSILON}
        union all
        select a.idx, a.code, 'overlaps', 'overlaps ' || b.code
        from imp a join org_nodes b on b.level = a.level and st_intersects(a.geom, b.geom)
        where st_isvalid(a.geom) and left(b.code, 6) = left(a.code, 6)
          and not exists (select 1 from imp r where r.code = b.code)
          and st_area(st_intersection(a.geom, b.geom)) > ${OVERLAP_EPSILON}
        order by 1, 4`,
  );
  const outside = await rows<FeatureProblem>(
    tx,
    sql`with parents as (
          select code, geom from imp where st_isvalid(geom)
          union all
          select code, geom from org_nodes where geom is not null and code not in (select code from imp)
        )
        select i.idx as feature, i.code, 'outside_parent' as problem, 'not inside ' || p.code as detail
        from imp i join parents p on p.code = left(i.code, length(i.code) - 3)
        where st_isvalid(i.geom) and not st_coveredby(i.geom, st_buffer(p.geom, ${CONTAIN_TOLERANCE}))
        order by i.idx`,
  );
  return [...invalid, ...orphans, ...overlaps, ...outside];
}
