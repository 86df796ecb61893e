import type { Position } from 'geojson';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { OrgFeatures } from '../../api/queries.ts';

export type Bbox = [number, number, number, number];

/** A style with no external resources (works offline); a configured raster base map is drawn under it. */
export function baseStyle(tileUrl: string | null): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f7' } }],
  };
  if (tileUrl) {
    style.sources.base = { type: 'raster', tiles: [tileUrl], tileSize: 256 };
    style.layers.push({ id: 'base', type: 'raster', source: 'base' });
  }
  return style;
}

const NONE = -1;

/** The polygon layers; `*-selected` layers are filtered to the selected id at run time. */
export const ORG_LAYERS: LayerSpecification[] = [
  {
    id: 'grid-fill',
    type: 'fill',
    source: 'grids',
    paint: {
      // Darker blue for more residents, so the map doubles as a population overview.
      'fill-color': [
        'interpolate',
        ['linear'],
        ['coalesce', ['get', 'population'], 0],
        0,
        '#d6e4ff',
        600,
        '#4f7fe0',
      ],
      'fill-opacity': 0.55,
    },
  },
  { id: 'grid-line', type: 'line', source: 'grids', paint: { 'line-color': '#5a79b5', 'line-width': 0.6 } },
  {
    id: 'street-line',
    type: 'line',
    source: 'streets',
    paint: { 'line-color': '#1d2b4f', 'line-width': 2.5 },
    layout: { 'line-join': 'round' },
  },
  {
    id: 'grid-selected-fill',
    type: 'fill',
    source: 'grids',
    filter: ['==', ['get', 'id'], NONE],
    paint: { 'fill-color': '#fa8c16', 'fill-opacity': 0.6 },
  },
  {
    id: 'grid-selected-line',
    type: 'line',
    source: 'grids',
    filter: ['==', ['get', 'id'], NONE],
    paint: { 'line-color': '#ad4e00', 'line-width': 2.5 },
  },
  {
    id: 'street-selected-line',
    type: 'line',
    source: 'streets',
    filter: ['==', ['get', 'id'], NONE],
    paint: { 'line-color': '#d4380d', 'line-width': 4 },
  },
];

/** The filter that shows the selected feature, or nothing. */
export function selectedFilter(id: number | null): ['==', ['get', 'id'], number] {
  return ['==', ['get', 'id'], id ?? NONE];
}

function extend(box: Bbox, positions: Position[]): void {
  for (const [x, y] of positions) {
    if (x === undefined || y === undefined) continue;
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
}

/** The bounding box of all polygons in the collections, or null when they are empty. */
export function collectionsBbox(collections: readonly OrgFeatures[]): Bbox | null {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const fc of collections) {
    for (const f of fc.features) {
      const g = f.geometry;
      if (g?.type === 'Polygon') for (const ring of g.coordinates) extend(box, ring);
      if (g?.type === 'MultiPolygon')
        for (const poly of g.coordinates) for (const ring of poly) extend(box, ring);
    }
  }
  return Number.isFinite(box[0]) ? box : null;
}
