import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgFeatureProps, OrgFeatures } from '../../api/queries.ts';
import { useAppConfig } from '../../api/queries.ts';
import { fetchCaseMap, type Period } from '../../api/stats.ts';
import { createMap, maplibregl } from '../../components/maplibre.ts';
import { useDeviceHealthLayer } from '../care-devices/care-devices-map-layer.ts';
import { ClusterMarkers } from '../dashboard/cluster-markers.ts';
import { DASHBOARD_LAYERS, fillColor, type Metric } from '../dashboard/map-layers.ts';
import { collectionsBbox } from '../org/map-style.ts';
import { useCareAlertCodes } from './care-alert-codes.ts';
import type { ScreenPoint } from './use-screen-stream.ts';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };
/** How long a point that just arrived pulses. */
const PULSE_MS = 60_000;
const LIGHT_COLOURS = [
  'match',
  ['get', 'light'],
  'red',
  '#ff4d4f',
  'yellow',
  '#faad14',
  'green',
  '#52c41a',
  '#bfbfbf',
];

interface Props {
  areas: OrgFeatures | undefined;
  metric: Metric;
  max: number;
  focusKey: string;
  period: Period;
  live: readonly ScreenPoint[];
  canDrill: boolean;
  onDrill: (area: OrgFeatureProps) => void;
}

/**
 * The screen's map: the dashboard's coloured polygons and case points (its layers and clusters) on a dark
 * ground, with the cases arriving through the live stream drawn on top, each pulsing for a minute.
 */
export function ScreenMap({ areas, metric, max, focusKey, period, live, canDrill, onDrill }: Props) {
  const { t } = useTranslation();
  const config = useAppConfig();
  const box = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [failed, setFailed] = useState(false);
  const [idle, setIdle] = useState(false);
  const fittedTo = useRef<string | null>(null);
  const reload = useRef<() => void>(() => {});
  const pulses = useRef(new Map<number, maplibregl.Marker>());
  const careAlerts = useCareAlertCodes();
  const latest = useRef({ period, canDrill, onDrill, careAlerts });
  useEffect(() => {
    latest.current = { period, canDrill, onDrill, careAlerts };
  });
  const tileUrl = config.data?.tileUrl ?? null;

  useEffect(() => {
    if (!box.current || config.isPending) return;
    const instance = createMap({
      container: box.current,
      tileUrl,
      center: config.data?.district?.center ?? [105, 35],
      zoom: config.data?.district?.center ? 11 : 3,
    });
    if (!instance) {
      setFailed(true);
      return;
    }
    instance.on('idle', () => setIdle(true));
    instance.on('dataloading', () => setIdle(false));
    const clusters = new ClusterMarkers(instance, (count) => t('dashboard.clusterLabel', { count }));
    let seq = 0;
    const loadPoints = () => {
      const b = instance.getBounds();
      const mine = ++seq;
      fetchCaseMap(
        [
          Math.max(-180, b.getWest()),
          Math.max(-90, b.getSouth()),
          Math.min(180, b.getEast()),
          Math.min(90, b.getNorth()),
        ],
        instance.getZoom(),
        latest.current.period,
      )
        .then((fc) => {
          if (mine !== seq) return;
          // care alerts stay off the screen one by one (care-alert-codes.ts); clusters only count them
          const shown = latest.current.careAlerts;
          fc.features = fc.features.filter(
            (f) => 'cluster' in f.properties || !shown.has(f.properties.categoryCode),
          );
          instance.getSource<maplibregl.GeoJSONSource>('cases')?.setData(fc);
          clusters.show(fc);
        })
        .catch(() => {
          // points are an overlay: the coloured areas and the live points stay useful without them
        });
    };
    reload.current = loadPoints;
    instance.on('load', () => {
      instance.setPaintProperty('background', 'background-color', '#0a1a33');
      instance.addSource('areas', { type: 'geojson', data: EMPTY });
      instance.addSource('cases', { type: 'geojson', data: EMPTY });
      instance.addSource('live', { type: 'geojson', data: EMPTY });
      for (const layer of DASHBOARD_LAYERS) instance.addLayer(layer);
      instance.setPaintProperty('area-line', 'line-color', '#6fa8ff');
      instance.setPaintProperty('area-hover', 'line-color', '#ffd666');
      instance.setPaintProperty('case-points', 'circle-stroke-color', '#0a1a33');
      instance.addLayer({
        id: 'live-points',
        type: 'circle',
        source: 'live',
        paint: {
          'circle-radius': 8,
          'circle-color': LIGHT_COLOURS as never,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      });
      instance.on('moveend', loadPoints);
      setMap(instance);
    });
    instance.on('click', (e) => {
      const area = instance.queryRenderedFeatures(e.point, { layers: ['area-fill'] })[0];
      if (area && latest.current.canDrill) latest.current.onDrill(area.properties as OrgFeatureProps);
    });
    instance.getCanvas().setAttribute('aria-label', t('screen.mapLabel'));
    const shown = pulses.current;
    return () => {
      clusters.clear();
      for (const m of shown.values()) m.remove();
      shown.clear();
      instance.remove();
      setMap(null);
      fittedTo.current = null;
    };
  }, [tileUrl, config.isPending, config.data?.district?.center, t]);

  useEffect(() => {
    if (!map || !areas) return;
    map.getSource<maplibregl.GeoJSONSource>('areas')?.setData(areas);
    map.setPaintProperty('area-fill', 'fill-color', fillColor(metric, max));
    map.setPaintProperty('area-fill', 'fill-opacity', 0.55);
    const bbox = collectionsBbox([areas]);
    if (bbox && fittedTo.current !== focusKey) {
      fittedTo.current = focusKey;
      map.fitBounds(bbox, { padding: 32, maxZoom: 15, duration: 0 });
    }
  }, [map, areas, metric, max, focusKey]);

  useEffect(() => {
    if (map && period.from) reload.current();
  }, [map, period]);

  // the live points: all of them in the layer, the newest pulsing as HTML markers for a minute
  useEffect(() => {
    if (!map) return;
    const located = live.filter((p) => p.lng !== null && p.lat !== null);
    map.getSource<maplibregl.GeoJSONSource>('live')?.setData({
      type: 'FeatureCollection',
      features: located.map((p) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [p.lng!, p.lat!] },
        properties: { id: p.id, light: p.light ?? 'none' },
      })),
    });
    const now = Date.now();
    for (const p of located) {
      const fresh = now - Date.parse(p.at) < PULSE_MS;
      const marker = pulses.current.get(p.id);
      if (!fresh || marker) continue;
      const el = document.createElement('div');
      el.className = 'screen-pulse';
      el.dataset.testid = 'screen-live-point';
      el.dataset.caseId = String(p.id);
      el.dataset.state = p.state;
      el.setAttribute('aria-hidden', 'true');
      const added = new maplibregl.Marker({ element: el }).setLngLat([p.lng!, p.lat!]).addTo(map);
      pulses.current.set(p.id, added);
      setTimeout(() => {
        added.remove();
        pulses.current.delete(p.id);
      }, PULSE_MS);
    }
  }, [map, live]);

  useDeviceHealthLayer(map);

  return (
    <div className="screen-map-wrap">
      <div ref={box} className="screen-map" data-testid="screen-map" data-idle={idle || failed} />
      {failed && (
        <Alert className="screen-map-alert" type="warning" showIcon title={t('dashboard.mapFailed')} />
      )}
    </div>
  );
}
