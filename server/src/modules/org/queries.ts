import type { OrgLevel } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition, scopesFor } from '../auth/policy.ts';
import { areaNameSql } from './area-name.ts';
import { inForceSql } from './current-node.ts';

/** An org node without its polygon, as lists and trees show it. */
export interface OrgNode {
  id: number;
  code: string;
  parentId: number | null;
  level: OrgLevel;
  kind: string | null;
  name: string;
  nameEn: string | null;
  validFrom: string;
  validTo: string | null;
  isDemo: boolean;
  /** true for nodes shown only as the path above the caller's scope */
  ancestorOnly: boolean;
}

const LEVEL_DEPTH: Record<OrgLevel, number> = { district: 6, street: 9, community: 12, grid: 15 };

/** Codes of the ancestors of the caller's scopes, shown as the path to their part of the tree. */
function ancestorCodes(actor: Actor): string[] {
  const out = new Set<string>();
  for (const s of scopesFor(actor, 'org.read')) for (let l = 6; l < s.length; l += 3) out.add(s.slice(0, l));
  return [...out];
}

/** The org nodes the caller may see, down to maxLevel, ordered by code (so parents come first). */
export async function listVisibleNodes(
  db: Db,
  actor: Actor,
  maxLevel: OrgLevel = 'grid',
): Promise<OrgNode[]> {
  const ancestors = ancestorCodes(actor);
  return rows<OrgNode>(
    db,
    sql`select id, code, parent_id as "parentId", level, kind, name, name_en as "nameEn",
          to_char(valid_from, 'YYYY-MM-DD') as "validFrom", to_char(valid_to, 'YYYY-MM-DD') as "validTo",
          is_demo as "isDemo", not (${scopeCondition(actor, 'org.read', sql`code`)}) as "ancestorOnly"
        from org_nodes
        where length(code) <= ${LEVEL_DEPTH[maxLevel]}
          and ((${scopeCondition(actor, 'org.read', sql`code`)})
            ${ancestors.length ? sql`or code in (${sql.join(ancestors, sql`, `)})` : sql``})
        order by code`,
  );
}

/** One node with its path, counts and grid workers (their phones in full: see presentNodeDetail). */
export type NodeDetail = NonNullable<Awaited<ReturnType<typeof findNodeDetail>>>;

/** One node by id with its path, counts and grid workers; null when it does not exist. */
export async function findNodeDetail(db: Db, id: number) {
  const node = await one<OrgNode & { bbox: number[] | null }>(
    db,
    sql`select id, code, parent_id as "parentId", level, kind, name, name_en as "nameEn",
          to_char(valid_from, 'YYYY-MM-DD') as "validFrom", to_char(valid_to, 'YYYY-MM-DD') as "validTo",
          is_demo as "isDemo", false as "ancestorOnly",
          case when geom is null then null else
            array[st_xmin(geom), st_ymin(geom), st_xmax(geom), st_ymax(geom)] end as bbox
        from org_nodes where id = ${id}`,
  );
  if (!node) return null;
  const path = await rows<{ id: number; code: string; level: OrgLevel; name: string }>(
    db,
    sql`select id, code, level, name from org_nodes
        where code in (${sql.join(pathCodes(node.code), sql`, `)}) order by code`,
  );
  const counts = await one<{ population: number; households: number; children: number }>(
    db,
    sql`select
          (select count(*)::int from persons p join org_nodes g on g.id = p.grid_id where g.code like ${`${node.code}%`} and p.status = 'resident') as population,
          (select count(*)::int from households h join org_nodes g on g.id = h.grid_id where g.code like ${`${node.code}%`}) as households,
          (select count(*)::int from org_nodes c where c.parent_id = ${id}) as children`,
  );
  const gridWorkers = await rows<{ id: string; name: string; phone: string | null }>(
    db,
    sql`select u.id, u.display_name as name, u.phone from grants g join users u on u.id = g.user_id
        where g.role = 'grid_worker' and g.org_node_id = ${id} and not u.disabled order by u.display_name`,
  );
  return { ...node, path, ...counts!, gridWorkers };
}

/** The codes from the district down to code itself. */
function pathCodes(code: string): string[] {
  const out: string[] = [];
  for (let l = 6; l <= code.length; l += 3) out.push(code.slice(0, l));
  return out;
}

/** The node a code names (id and code only), or null. */
export function findNodeByCode(db: Db, code: string) {
  return one<{ id: number; code: string; level: OrgLevel; name: string }>(
    db,
    sql`select id, code, level, name from org_nodes where code = ${code}`,
  );
}

/** The grid containing a point, with its community, street and district; null outside every grid. */
export async function locatePoint(db: Db, lng: number, lat: number) {
  return one<{
    grid: { id: number; code: string; name: string };
    community: { id: number; code: string; name: string };
    street: { id: number; code: string; name: string };
    district: { id: number; code: string; name: string };
    /** the public name of the place's area (社区 · 网格), in both languages */
    area: { nameZh: string; nameEn: string };
  }>(
    db,
    sql`select json_build_object('id', g.id, 'code', g.code, 'name', g.name) as grid,
          json_build_object('nameZh', ${areaNameSql('zh', sql`g`, sql`c`)}, 'nameEn', ${areaNameSql('en', sql`g`, sql`c`)})
            as area,
          json_build_object('id', c.id, 'code', c.code, 'name', c.name) as community,
          json_build_object('id', s.id, 'code', s.code, 'name', s.name) as street,
          json_build_object('id', d.id, 'code', d.code, 'name', d.name) as district
        from org_nodes g
        join org_nodes c on c.id = g.parent_id
        join org_nodes s on s.id = c.parent_id
        join org_nodes d on d.id = s.parent_id
        where g.level = 'grid' and st_intersects(g.geom, st_setsrid(st_point(${lng}, ${lat}), 4326))
          and ${inForceSql('g')}
        order by g.code limit 1`,
  );
}

/** Polygons of the visible nodes of one level under a parent, as a GeoJSON FeatureCollection. */
export async function nodesGeojson(db: Db, actor: Actor, opts: { level: OrgLevel; under: string | null }) {
  const features = await rows<{ feature: unknown }>(
    db,
    sql`select json_build_object('type', 'Feature', 'id', n.id,
          'geometry', st_asgeojson(n.geom, 6)::json,
          'properties', json_build_object('id', n.id, 'code', n.code, 'name', n.name, 'level', n.level,
            'population', (select count(*) from persons p where p.grid_id = n.id and p.status = 'resident'))) as feature
        from org_nodes n
        where n.level = ${opts.level} and n.geom is not null
          and (${scopeCondition(actor, 'org.read', sql`n.code`)})
          ${opts.under ? sql`and n.code like ${`${opts.under}%`}` : sql``}
        order by n.code`,
  );
  return { type: 'FeatureCollection' as const, features: features.map((f) => f.feature) };
}

/** A node's own editable fields by id (for the console's edit and boundary routes), or null. */
export function findNodeRow(db: Db, id: number) {
  return one<{
    id: number;
    code: string;
    level: OrgLevel;
    name: string;
    nameEn: string | null;
    validFrom: string;
    validTo: string | null;
  }>(
    db,
    sql`select id, code, level, name, name_en as "nameEn", to_char(valid_from, 'YYYY-MM-DD') as "validFrom",
          to_char(valid_to, 'YYYY-MM-DD') as "validTo"
        from org_nodes where id = ${id}`,
  );
}

/**
 * One node's outline as a boundary file in the import's own format, at full precision (the map's polygons are
 * rounded to 6 decimals, which would make a re-imported outline overlap its neighbours by a sliver).
 */
export async function nodeBoundaryFile(db: Db, id: number) {
  const feature = await one<{ feature: unknown }>(
    db,
    sql`select json_build_object('type', 'Feature', 'geometry', st_asgeojson(geom, 15)::json,
          'properties', json_build_object('code', code, 'name', name, 'name_en', name_en,
            'valid_from', to_char(valid_from, 'YYYY-MM-DD'), 'valid_to', to_char(valid_to, 'YYYY-MM-DD'))) as feature
        from org_nodes where id = ${id} and geom is not null`,
  );
  return { type: 'FeatureCollection' as const, features: feature ? [feature.feature] : [] };
}
