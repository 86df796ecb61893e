import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { invalid } from '../../infra/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { allOf, type CaseFilters, filterConditions, type Light, visibleCases } from './filters.ts';
import { type LightRow, prepareFilters, withLights } from './lights.ts';

/** At most this many features per answer; the answer says when more matched. */
export const MAP_FEATURE_LIMIT = 5000;
/** Below this zoom, points are clustered on the server. */
export const CLUSTER_BELOW_ZOOM = 15;

export type Bbox = [number, number, number, number];

interface PointProps {
  id: number;
  state: string;
  categoryCode: string;
  light: Light | null;
}
type Props = PointProps | { cluster: true; count: number };

export interface CaseMap {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: Props;
  }[];
  /** true when more points or clusters matched than `limit` (the densest clusters are kept) */
  truncated: boolean;
  limit: number;
  clustered: boolean;
}

/** Parses "minLng,minLat,maxLng,maxLat" (WGS84) into a checked box; 400 when it is not one. */
export function parseBbox(text: string): Bbox {
  const n = text.split(',').map(Number);
  const [x0, y0, x1, y1] = n as Bbox;
  const ok =
    n.length === 4 &&
    n.every(Number.isFinite) &&
    x0 >= -180 &&
    x1 <= 180 &&
    y0 >= -90 &&
    y1 <= 90 &&
    x0 < x1 &&
    y0 < y1;
  if (!ok) throw invalid([{ field: '/bbox', message: 'expected minLng,minLat,maxLng,maxLat' }]);
  return [x0, y0, x1, y1];
}

/**
 * Cluster cell size in degrees: a quarter of a 256-pixel web-map tile at this zoom (about 64 pixels), so
 * clusters stay a few per tile at any zoom.
 */
export function cellSize(zoom: number): number {
  return 360 / 2 ** zoom / 4;
}

/**
 * Case points in a box as GeoJSON, limited to what the actor may see and the filters. Below zoom 15 the
 * points are grouped on a grid of cellSize(zoom) degrees: a group of one is its point, a larger group a
 * `{cluster: true, count}` feature at the mean position.
 */
export async function casesMap(
  db: Db,
  actor: Actor,
  filters: CaseFilters,
  opts: { bbox: Bbox; zoom: number; now: Date },
): Promise<CaseMap> {
  const [x0, y0, x1, y1] = opts.bbox;
  const where = allOf([
    sql`c.location && st_makeenvelope(${x0}, ${y0}, ${x1}, ${y1}, 4326)`,
    visibleCases(actor),
    ...filterConditions(await prepareFilters(db, filters, opts.now), opts.now),
  ]);
  const clustered = opts.zoom < CLUSTER_BELOW_ZOOM;
  const cell = cellSize(opts.zoom);
  type Row = Omit<PointProps, 'light'> & LightRow & { count: number; lng: number; lat: number };
  const found = await rows<Row>(
    db,
    clustered
      ? sql`select count(*)::int as count, avg(st_x(c.location)) as lng, avg(st_y(c.location)) as lat,
              min(c.id) as id, min(c.state) as state,
              min(c.category_code) as "categoryCode", min(c.stage_started_at) as "stageStartedAt",
              min(c.stage_deadline_at) as "stageDeadlineAt"
            from cases c where ${where}
            group by floor(st_x(c.location) / ${cell}), floor(st_y(c.location) / ${cell})
            order by count(*) desc, min(c.id)
            limit ${MAP_FEATURE_LIMIT + 1}`
      : sql`select 1 as count, st_x(c.location) as lng, st_y(c.location) as lat, c.id,
              c.state, c.category_code as "categoryCode", c.stage_started_at as "stageStartedAt",
              c.stage_deadline_at as "stageDeadlineAt"
            from cases c where ${where}
            order by c.reported_at desc, c.id desc
            limit ${MAP_FEATURE_LIMIT + 1}`,
  );
  const lit = await withLights(db, found.slice(0, MAP_FEATURE_LIMIT), opts.now);
  const features = lit.map((r) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [r.lng, r.lat] as [number, number] },
    properties:
      r.count > 1
        ? { cluster: true as const, count: r.count }
        : {
            id: r.id,
            state: r.state,
            categoryCode: r.categoryCode,
            light: r.light,
          },
  }));
  return {
    type: 'FeatureCollection',
    features,
    truncated: found.length > MAP_FEATURE_LIMIT,
    limit: MAP_FEATURE_LIMIT,
    clustered,
  };
}
