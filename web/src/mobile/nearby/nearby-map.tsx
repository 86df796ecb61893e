import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api.ts';
import { baseStyle, GRID_LAYERS, mapLocale } from '../map/map-style.ts';
import { maplibregl } from '../map/maplibre.ts';
import type { NearbyCase } from './types.ts';

interface Props {
  center: [number, number];
  cases: NearbyCase[];
  tileUrl: string | null;
  /** the map was moved: its new centre */
  onMoved(center: [number, number]): void;
  onSelect(id: number): void;
}

function points(cases: NearbyCase[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: cases
      .filter((c) => c.lng !== null && c.lat !== null)
      .map((c) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [c.lng!, c.lat!] },
        properties: { id: c.id, closed: c.state === 'closed' },
      })),
  };
}

/** The reports nearby as points (open: orange, resolved: green) around the resident's position. */
export default function NearbyMap({ center, cases, tileUrl, onMoved, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [failed, setFailed] = useState(false);
  const first = useRef({
    center,
    tileUrl,
    onMoved,
    onSelect,
    label: t('nearby.mapLabel'),
    lang: i18n.language,
  });
  first.current.onMoved = onMoved;
  first.current.onSelect = onSelect;

  useEffect(() => {
    if (!box.current) return;
    const { center, tileUrl, label, lang } = first.current;
    let m: maplibregl.Map;
    try {
      m = new maplibregl.Map({
        container: box.current,
        style: baseStyle(tileUrl),
        center,
        zoom: 15,
        attributionControl: tileUrl ? { compact: true } : false,
        dragRotate: false,
        pitchWithRotate: false,
        locale: mapLocale(lang),
      });
    } catch {
      setFailed(true);
      return;
    }
    map.current = m;
    window.__cgMobileMap = m;
    m.getCanvas().setAttribute('aria-label', label);
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    m.on('load', () => {
      // the grids around, as the public may see them (names and outlines), under the points
      const q = `lng=${center[0]}&lat=${center[1]}&radius=2000`;
      void request<GeoJSON.FeatureCollection>('GET', `/api/public/grid-outlines?${q}`)
        .then((res) => {
          if (map.current !== m) return;
          m.addSource('grids', { type: 'geojson', data: res.body });
          for (const layer of GRID_LAYERS) m.addLayer(layer, 'nearby-points');
        })
        .catch(() => undefined);
      m.addSource('nearby', { type: 'geojson', data: points([]) });
      m.addLayer({
        id: 'nearby-points',
        type: 'circle',
        source: 'nearby',
        paint: {
          'circle-radius': 9,
          'circle-color': ['case', ['get', 'closed'], '#389e0d', '#d46b08'],
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 2,
        },
      });
      m.addSource('me', {
        type: 'geojson',
        data: { type: 'Feature', geometry: { type: 'Point', coordinates: center }, properties: {} },
      });
      m.addLayer({
        id: 'me',
        type: 'circle',
        source: 'me',
        paint: {
          'circle-radius': 6,
          'circle-color': '#1f5fbf',
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 3,
        },
      });
    });
    m.on('moveend', () => {
      const c = m.getCenter();
      first.current.onMoved([c.lng, c.lat]);
    });
    m.on('click', 'nearby-points', (e) => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id === 'number') first.current.onSelect(id);
    });
    return () => {
      if (window.__cgMobileMap === m) delete window.__cgMobileMap;
      map.current = null;
      m.remove();
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const draw = () =>
      (m.getSource('nearby') as maplibregl.GeoJSONSource | undefined)?.setData(points(cases));
    if (m.isStyleLoaded() && m.getSource('nearby')) draw();
    else m.once('load', draw);
  }, [cases]);

  if (failed) return <p className="m-notice m-notice-warn">{t('grid.mapFailed')}</p>;
  return <div ref={box} className="m-map m-map-nearby" data-testid="nearby-map" />;
}
