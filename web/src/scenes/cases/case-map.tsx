import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppConfig } from '../../api/queries.ts';
import { useOrgGeojsonUnder } from '../../api/stats.ts';
import { createMap, maplibregl } from '../../components/maplibre.ts';
import { collectionsBbox } from '../org/map-style.ts';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/** A small map of where the case is, with its grid outlined; works without a base map. */
export function CaseMap({ lng, lat, gridCode }: { lng: number; lat: number; gridCode: string | null }) {
  const { t } = useTranslation();
  const config = useAppConfig();
  const grid = useOrgGeojsonUnder('grid', gridCode ?? '');
  const box = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [failed, setFailed] = useState(false);
  // true once the map has drawn everything it has (tests and screenshots wait for it)
  const [idle, setIdle] = useState(false);
  const tileUrl = config.data?.tileUrl ?? null;

  useEffect(() => {
    if (!box.current || config.isPending) return;
    const instance = createMap({ container: box.current, tileUrl, center: [lng, lat], zoom: 15 });
    if (!instance) {
      setFailed(true);
      return;
    }
    new maplibregl.Marker({ color: '#d4380d' }).setLngLat([lng, lat]).addTo(instance);
    instance.on('idle', () => setIdle(true));
    instance.on('dataloading', () => setIdle(false));
    instance.on('load', () => {
      instance.addSource('grid', { type: 'geojson', data: EMPTY });
      instance.addLayer({
        id: 'grid-fill',
        type: 'fill',
        source: 'grid',
        paint: { 'fill-color': '#4f7fe0', 'fill-opacity': 0.15 },
      });
      instance.addLayer({
        id: 'grid-line',
        type: 'line',
        source: 'grid',
        paint: { 'line-color': '#1f5fbf', 'line-width': 2 },
      });
      setMap(instance);
    });
    instance.getCanvas().setAttribute('aria-label', t('case.mapLabel'));
    return () => {
      instance.remove();
      setMap(null);
    };
  }, [lng, lat, tileUrl, config.isPending, t]);

  useEffect(() => {
    if (!map || !grid.data || !gridCode) return;
    map.getSource<maplibregl.GeoJSONSource>('grid')?.setData(grid.data);
    // Show the whole grid around the point, so the place can be recognised.
    const box = collectionsBbox([grid.data]);
    if (box)
      map.fitBounds(
        [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)],
        { padding: 32, maxZoom: 16, duration: 0 },
      );
  }, [map, grid.data, gridCode, lng, lat]);

  return (
    <div className="case-map-wrap">
      <div ref={box} className="case-map" data-testid="case-map" data-idle={idle || failed} />
      {failed && <Alert className="case-map-failed" type="warning" showIcon title={t('case.mapFailed')} />}
    </div>
  );
}
