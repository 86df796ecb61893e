import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getData, request } from '../api.ts';
import type { OrgFeatures, PublicConfig } from '../types.ts';
import { baseStyle, featuresBbox, GRID_LAYERS, mapLocale } from './map-style.ts';
import { maplibregl } from './maplibre.ts';

interface PinMapProps {
  /** where to start: the spot already chosen, else the district's centre */
  start: [number, number] | null;
  onPick(lng: number, lat: number): void;
}

/**
 * Grid outlines: staff get those of their grants; anyone else (residents have no account) the public outlines
 * and names around the starting point.
 */
async function loadGrids(around: [number, number] | null): Promise<OrgFeatures | null> {
  try {
    // a bare FeatureCollection, not wrapped in { data }
    return (await request<OrgFeatures>('GET', '/api/org/geojson?level=grid')).body;
  } catch {
    if (!around) return null;
    const q = `lng=${around[0]}&lat=${around[1]}&radius=2000`;
    return (
      (await request<OrgFeatures>('GET', `/api/public/grid-outlines?${q}`).catch(() => null))?.body ?? null
    );
  }
}

/**
 * Pick a place: move the map under the fixed centre marker, then confirm. Works without a base map (plain
 * background and, for staff, the grid outlines).
 */
export default function PinMap({ start, onPick }: PinMapProps) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [center, setCenter] = useState<[number, number] | null>(start);
  const [failed, setFailed] = useState(false);
  const [note, setNote] = useState<'noBase' | 'blank' | null>(null);
  // the map is built once: the starting point matters for the first frame only
  const first = useRef({ start, t });

  useEffect(() => {
    if (!box.current) return;
    let map: maplibregl.Map | null = null;
    let cancelled = false;
    const { start, t } = first.current;
    void (async () => {
      const config = await getData<PublicConfig>('/api/config').catch(() => null);
      const grids = await loadGrids(start ?? config?.district?.center ?? null);
      if (cancelled || !box.current) return;
      // first view: the spot already chosen, else the caller's grids, else the district's centre
      const bbox = grids ? featuresBbox(grids) : null;
      const origin = start ?? config?.district?.center ?? [105, 35];
      try {
        map = new maplibregl.Map({
          container: box.current,
          style: baseStyle(config?.tileUrl ?? null),
          ...(start || !bbox
            ? { center: origin, zoom: start ? 16 : config?.district?.center ? 13 : 4 }
            : { bounds: bbox, fitBoundsOptions: { padding: 20, maxZoom: 17 } }),
          attributionControl: config?.tileUrl ? { compact: true } : false,
          dragRotate: false,
          pitchWithRotate: false,
          locale: mapLocale(document.documentElement.lang),
        });
      } catch {
        setFailed(true);
        return;
      }
      const m = map;
      window.__cgMobileMap = m;
      m.getCanvas().setAttribute('aria-label', t('map.label'));
      m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      const c0 = m.getCenter();
      setCenter([c0.lng, c0.lat]);
      m.on('move', () => {
        const c = m.getCenter();
        setCenter([c.lng, c.lat]);
      });
      if (!config?.tileUrl) setNote(grids?.features.length ? 'noBase' : 'blank');
      const draw = () => {
        if (!grids || cancelled) return;
        m.addSource('grids', { type: 'geojson', data: grids as GeoJSON.FeatureCollection });
        for (const layer of GRID_LAYERS) m.addLayer(layer);
      };
      if (m.loaded()) draw();
      else m.once('load', draw);
    })();
    return () => {
      cancelled = true;
      if (map && window.__cgMobileMap === map) delete window.__cgMobileMap;
      map?.remove();
    };
  }, []);

  if (failed) return <p className="m-notice m-notice-error">{t('map.failed')}</p>;
  return (
    <div className="m-pin-map">
      <div className="m-map-box">
        <div ref={box} className="m-map" data-testid="pin-map" />
        <span className="m-map-crosshair" aria-hidden="true" />
      </div>
      {note && <p className="m-hint">{t(`map.${note}`)}</p>}
      {center && (
        <p className="m-hint" aria-live="polite">
          {t('map.center', { lat: center[1].toFixed(5), lon: center[0].toFixed(5) })}
        </p>
      )}
      <button
        type="button"
        className="m-btn m-btn-primary m-btn-block"
        disabled={!center}
        onClick={() => center && onPick(center[0], center[1])}
        data-testid="map-confirm"
      >
        {t('map.confirm')}
      </button>
    </div>
  );
}
