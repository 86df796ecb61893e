import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { OrgFeatures } from '../../api/queries.ts';
import type { NodeStats } from '../../api/stats.ts';

export type Metric = 'total' | 'intimeRate';

/** Colour stops of each metric: more cases darker blue; on-time rate from red (low) to green (high). */
export function colorStops(metric: Metric, max: number): (number | string)[] {
  if (metric === 'intimeRate') return [0, '#f5222d', 0.6, '#faad14', 0.9, '#52c41a'];
  return [0, '#e6f4ff', Math.max(max, 1), '#0958d9'];
}

/** The polygons with the chosen figure as `value` (left out when there is none, e.g. no disposed case). */
export function colouredFeatures(
  polygons: OrgFeatures | undefined,
  stats: readonly NodeStats[],
  metric: Metric,
): OrgFeatures {
  const byCode = new Map(stats.map((s) => [s.code, s]));
  return {
    type: 'FeatureCollection',
    features: (polygons?.features ?? []).map((f) => {
      const s = byCode.get(f.properties.code);
      const value = s ? (metric === 'total' ? s.total : s.intimeRate) : null;
      const properties = value === null ? { ...f.properties } : { ...f.properties, value };
      return { ...f, properties };
    }),
  };
}

export function fillColor(metric: Metric, max: number): ExpressionSpecification {
  return [
    'case',
    ['has', 'value'],
    ['interpolate', ['linear'], ['get', 'value'], ...colorStops(metric, max)],
    '#d9d9d9',
  ] as ExpressionSpecification;
}

/** Polygons, their outlines, the hovered outline and the case points (single cases, coloured by light). */
export const DASHBOARD_LAYERS: LayerSpecification[] = [
  { id: 'area-fill', type: 'fill', source: 'areas', paint: { 'fill-color': '#d9d9d9', 'fill-opacity': 0.7 } },
  { id: 'area-line', type: 'line', source: 'areas', paint: { 'line-color': '#ffffff', 'line-width': 1.5 } },
  {
    id: 'area-hover',
    type: 'line',
    source: 'areas',
    filter: ['==', ['get', 'code'], ''],
    paint: { 'line-color': '#1d2b4f', 'line-width': 3 },
  },
  {
    id: 'case-points',
    type: 'circle',
    source: 'cases',
    filter: ['!', ['has', 'cluster']],
    paint: {
      'circle-radius': 6,
      'circle-color': [
        'match',
        ['get', 'light'],
        'red',
        '#f5222d',
        'yellow',
        '#faad14',
        'green',
        '#52c41a',
        '#8c8c8c',
      ],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  },
];
