import { LOWER_IS_BETTER, RATE_NAMES, type RateName } from '@civicgrid/shared';
import type { TFunction } from 'i18next';
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { OrgFeatures } from '../../api/queries.ts';
import type { NodeStats } from '../../api/stats.ts';

/** What the map colours by: the number of reports, the composite area score, or any KPI of docs/kpis.md. */
export type Metric = 'total' | 'score' | RateName;

/** Every metric the picker offers, in the order of the KPI table of docs/kpis.md. */
export const METRICS: readonly Metric[] = ['total', 'score', ...RATE_NAMES];

/**
 * Colour stops of each metric: more cases darker blue; a rate from red (bad) to green (good), reversed for
 * rates where less is better (返工率, 复发率 …); a score red below 60 (grade D/E), green from 90 (grade A).
 */
export function colorStops(metric: Metric, max: number): (number | string)[] {
  if (metric === 'total') return [0, '#e6f4ff', Math.max(max, 1), '#0958d9'];
  if (metric === 'score') return [0, '#f5222d', 60, '#faad14', 90, '#52c41a'];
  if (LOWER_IS_BETTER.includes(metric)) return [0, '#52c41a', 0.1, '#faad14', 0.4, '#f5222d'];
  return [0, '#f5222d', 0.6, '#faad14', 0.9, '#52c41a'];
}

/** The label of a metric: the KPI's own label (one label per definition), 案件数 or 综合评分. */
export function metricLabel(t: TFunction, m: Metric): string {
  if (m === 'total') return t('dashboard.total');
  if (m === 'score') return t('scores.score');
  return t(`kpi.${m}`);
}

/** The figure of a node for a metric; null when it has none (no score, a rate with nothing due). */
export function metricValue(s: NodeStats, metric: Metric): number | null {
  if (metric === 'total') return s.total;
  if (metric === 'score') return s.score;
  return s.rates[metric].rate;
}

/** The polygons with the chosen figure as `value` (left out when there is none). */
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
      const value = s ? metricValue(s, metric) : null;
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
