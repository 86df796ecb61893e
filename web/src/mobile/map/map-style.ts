import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { OrgFeatures } from '../types.ts';

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

/** Grid polygons: light fill, blue outline, names from zoom 14. */
export const GRID_LAYERS: LayerSpecification[] = [
  {
    id: 'grid-fill',
    type: 'fill',
    source: 'grids',
    paint: { 'fill-color': '#4f7fe0', 'fill-opacity': 0.15 },
  },
  { id: 'grid-line', type: 'line', source: 'grids', paint: { 'line-color': '#1f5fbf', 'line-width': 1.5 } },
];

/** The bounding box of the polygons, or null when there are none. */
export function featuresBbox(fc: OrgFeatures): Bbox | null {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1]);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of fc.features) visit(f.geometry?.coordinates);
  return Number.isFinite(box[0]) ? box : null;
}

/** The map controls' labels in the page's language (maplibre's own are English). */
export function mapLocale(lang: string): Record<string, string> {
  if (lang === 'en-US') return {};
  return {
    'NavigationControl.ZoomIn': '放大',
    'NavigationControl.ZoomOut': '缩小',
    'NavigationControl.ResetBearing': '指向正北',
    'GeolocateControl.FindMyLocation': '定位到我的位置',
    'GeolocateControl.LocationNotAvailable': '无法获取位置',
    'FullscreenControl.Enter': '全屏',
    'FullscreenControl.Exit': '退出全屏',
    'AttributionControl.ToggleAttribution': '显示或隐藏地图来源',
    'ScaleControl.Meters': '米',
    'ScaleControl.Kilometers': '公里',
  };
}
