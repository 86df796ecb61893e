import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { BoundaryFeature, FeatureProblem } from './commands/validate-geojson.ts';

/** Area (in square degrees, about 0.01 m²) below which two touching polygons are not said to overlap. */
const OVERLAP_EPSILON = 1e-12;
/** Tolerance (degrees, about 0.1 m) for a child lying inside its parent, so shared edges pass. */
const CONTAIN_TOLERANCE = 1e-6;

/**
 * Loads checked features into a temporary table `imp` that lives until the transaction ends, with a spatial
 * index, so the import and its preview check and compare the same rows with the same SQL. A feature that leaves
 * out its English name or dates keeps the existing node's: a boundary file redraws outlines, and validity is
 * changed on the node itself, so re-importing last year's file must not restart every node today.
 */
export async function stageLayer(tx: Db, features: BoundaryFeature[]): Promise<void> {
  await tx.execute(sql`create temp table imp (
    idx integer, code text, level text, name text, name_en text, kind text,
    valid_from date, valid_to date, geom geometry(MultiPolygon, 4326)) on commit drop`);
  await tx.execute(sql`insert into imp
    select (f->>'idx')::int, f->>'code', f->>'level', f->>'name', f->>'nameEn', f->>'kind',
      (f->>'validFrom')::date, (f->>'validTo')::date,
      st_multi(st_setsrid(st_geomfromgeojson(f->>'geometry'), 4326))
    from jsonb_array_elements(${JSON.stringify(features.map((f) => ({ ...f, geometry: JSON.stringify(f.geometry) })))}::jsonb) f`);
  await tx.execute(sql`update imp i set name_en = coalesce(i.name_en, o.name_en),
      valid_from = coalesce(i.valid_from, o.valid_from), valid_to = coalesce(i.valid_to, o.valid_to)
    from org_nodes o where o.code = i.code`);
  await tx.execute(sql`create index on imp using gist (geom)`);
  await tx.execute(sql`analyze imp`);
}

/** Problems of the staged layer: invalid polygons, missing parents, overlapping siblings, children outside. */
export async function spatialProblems(tx: Db): Promise<FeatureProblem[]> {
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
  // after the node's own dates filled the gaps, the pair the import would write must still be in order
  const dates = await rows<FeatureProblem>(
    tx,
    sql`select idx as feature, code, 'bad_date' as problem, 'valid_to must be after valid_from' as detail
        from imp where valid_to <= coalesce(valid_from, current_date) order by idx`,
  );
  return [...invalid, ...orphans, ...overlaps, ...outside, ...dates];
}
