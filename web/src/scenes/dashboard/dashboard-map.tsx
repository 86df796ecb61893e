import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { OrgFeatureProps, OrgFeatures } from '../../api/queries.ts';
import { useAppConfig } from '../../api/queries.ts';
import { fetchCaseMap, type Period } from '../../api/stats.ts';
import { createMap, maplibregl } from '../../components/maplibre.ts';
import { useDeviceHealthLayer } from '../care-devices/care-devices-map-layer.ts';
import { collectionsBbox } from '../org/map-style.ts';
import { ClusterMarkers } from './cluster-markers.ts';
import { DASHBOARD_LAYERS, fillColor, type Metric } from './map-layers.ts';

declare global {
  interface Window {
    /** The dashboard map, exposed so end-to-end tests can wait for it and find polygons on screen. */
    __cgDashboardMap?: maplibregl.Map;
  }
}

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

interface Props {
  areas: OrgFeatures | undefined;
  metric: Metric;
  max: number;
  /** the current node's code: the map fits to its polygons whenever it changes */
  focusKey: string;
  period: Period;
  canDrill: boolean;
  onDrill: (area: OrgFeatureProps) => void;
}

/**
 * "一张图": the current level's polygons coloured by the chosen figure, case points of the period loaded for
 * the visible box after every move (clustered by the server when zoomed out). A click on a point opens the
 * case, on a cluster zooms in, on a polygon drills down. Needs no base map.
 */
export function DashboardMap({ areas, metric, max, focusKey, period, canDrill, onDrill }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const config = useAppConfig();
  const box = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [failed, setFailed] = useState(false);
  const [truncated, setTruncated] = useState(false);
  const [idle, setIdle] = useState(false);
  const fittedTo = useRef<string | null>(null);
  const reload = useRef<() => void>(() => {});
  const latest = useRef({ period, canDrill, onDrill, navigate });
  useEffect(() => {
    latest.current = { period, canDrill, onDrill, navigate };
  });
  const tileUrl = config.data?.tileUrl ?? null;

  useEffect(() => {
    if (!box.current || config.isPending) return;
    const center = config.data?.district?.center ?? [105, 35];
    const instance = createMap({
      container: box.current,
      tileUrl,
      center,
      zoom: config.data?.district?.center ? 11 : 3,
    });
    if (!instance) {
      setFailed(true);
      return;
    }
    instance.on('idle', () => setIdle(true));
    instance.on('dataloading', () => setIdle(false));
    const clusters = new ClusterMarkers(instance, (count) => t('dashboard.clusterLabel', { count }));
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'dash-popup' });
    let seq = 0;
    const loadPoints = () => {
      const b = instance.getBounds();
      const bbox: [number, number, number, number] = [
        Math.max(-180, b.getWest()),
        Math.max(-90, b.getSouth()),
        Math.min(180, b.getEast()),
        Math.min(90, b.getNorth()),
      ];
      const mine = ++seq;
      fetchCaseMap(bbox, instance.getZoom(), latest.current.period)
        .then((fc) => {
          if (mine !== seq) return;
          instance.getSource<maplibregl.GeoJSONSource>('cases')?.setData(fc);
          clusters.show(fc);
          setTruncated(fc.truncated);
        })
        .catch(() => {
          // Points are an overlay: the polygons and figures stay useful without them.
        });
    };
    reload.current = loadPoints;
    instance.on('load', () => {
      instance.addSource('areas', { type: 'geojson', data: EMPTY });
      instance.addSource('cases', { type: 'geojson', data: EMPTY });
      for (const layer of DASHBOARD_LAYERS) instance.addLayer(layer);
      instance.on('moveend', loadPoints);
      setMap(instance);
    });
    instance.on('click', (e) => {
      const point = instance.queryRenderedFeatures(e.point, { layers: ['case-points'] })[0];
      const id = point?.properties?.id;
      if (typeof id === 'number') {
        latest.current.navigate(`/cases/${id}`);
        return;
      }
      const area = instance.queryRenderedFeatures(e.point, { layers: ['area-fill'] })[0];
      if (area && latest.current.canDrill) latest.current.onDrill(area.properties as OrgFeatureProps);
    });
    instance.on('mousemove', (e) => {
      const onPoint = instance.queryRenderedFeatures(e.point, { layers: ['case-points'] })[0];
      const area = instance.queryRenderedFeatures(e.point, { layers: ['area-fill'] })[0];
      instance.getCanvas().style.cursor = onPoint || (area && latest.current.canDrill) ? 'pointer' : '';
      const code = area?.properties?.code;
      instance.setFilter('area-hover', ['==', ['get', 'code'], typeof code === 'string' ? code : '']);
      if (onPoint)
        popup
          .setLngLat(e.lngLat)
          .setText(t('case.number', { id: onPoint.properties?.id ?? '' }))
          .addTo(instance);
      else if (area) {
        const value = area.properties?.value;
        popup
          .setLngLat(e.lngLat)
          .setText(`${area.properties?.name ?? ''}${value === undefined ? '' : ` · ${value}`}`)
          .addTo(instance);
      } else popup.remove();
    });
    instance.on('mouseout', () => popup.remove());
    instance.getCanvas().setAttribute('aria-label', t('dashboard.mapLabel'));
    window.__cgDashboardMap = instance;
    return () => {
      if (window.__cgDashboardMap === instance) delete window.__cgDashboardMap;
      clusters.clear();
      instance.remove();
      setMap(null);
      fittedTo.current = null;
    };
  }, [tileUrl, config.isPending, config.data?.district?.center, t]);

  useEffect(() => {
    if (!map || !areas) return;
    map.getSource<maplibregl.GeoJSONSource>('areas')?.setData(areas);
    map.setPaintProperty('area-fill', 'fill-color', fillColor(metric, max));
    const bbox = collectionsBbox([areas]);
    if (bbox && fittedTo.current !== focusKey) {
      fittedTo.current = focusKey;
      map.fitBounds(bbox, { padding: 24, maxZoom: 15, duration: 0 });
    }
  }, [map, areas, metric, max, focusKey]);

  useDeviceHealthLayer(map);

  // A new period reloads the points of the current view (the page keeps one period object per choice).
  useEffect(() => {
    if (map && period.from) reload.current();
  }, [map, period]);

  return (
    <div className="dash-map-wrap">
      <div ref={box} className="dash-map" data-testid="dashboard-map" data-idle={idle || failed} />
      {failed && (
        <Alert className="dash-map-alert" type="warning" showIcon title={t('dashboard.mapFailed')} />
      )}
      {truncated && (
        <Alert className="dash-map-alert" type="info" showIcon title={t('dashboard.truncated')} />
      )}
    </div>
  );
}
