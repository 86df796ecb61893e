import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListRow, OrgFeatures } from '../types.ts';
import { baseStyle, featuresBbox, GRID_LAYERS, mapLocale } from './map-style.ts';
import { maplibregl } from './maplibre.ts';

interface GridMapProps {
  grids: OrgFeatures;
  cases: CaseListRow[];
  tileUrl: string | null;
  onSelect(id: number): void;
}

function casePoints(cases: CaseListRow[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: cases
      .filter((c) => c.lng !== null && c.lat !== null)
      .map((c) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [c.lng!, c.lat!] },
        properties: { id: c.id, light: c.light ?? 'green', state: c.state },
      })),
  };
}

/** The grid worker's grid polygons and the open cases in them; tapping a point selects the case. */
export default function GridMap({ grids, cases, tileUrl, onSelect }: GridMapProps) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const first = useRef({ grids, cases, tileUrl, onSelect, label: t('grid.title') });
  first.current.onSelect = onSelect;

  useEffect(() => {
    if (!box.current) return;
    const { grids, cases, tileUrl, label } = first.current;
    const bbox = featuresBbox(grids);
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container: box.current,
        style: baseStyle(tileUrl),
        bounds: bbox ?? undefined,
        fitBoundsOptions: { padding: 24 },
        center: bbox ? undefined : [105, 35],
        zoom: bbox ? undefined : 4,
        attributionControl: tileUrl ? { compact: true } : false,
        dragRotate: false,
        pitchWithRotate: false,
        locale: mapLocale(document.documentElement.lang),
      });
    } catch {
      setFailed(true);
      return;
    }
    window.__cgMobileMap = map;
    map.getCanvas().setAttribute('aria-label', label);
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      map.addSource('grids', { type: 'geojson', data: grids as GeoJSON.FeatureCollection });
      for (const layer of GRID_LAYERS) map.addLayer(layer);
      map.addSource('cases', { type: 'geojson', data: casePoints(cases) });
      map.addLayer({
        id: 'case-points',
        type: 'circle',
        source: 'cases',
        paint: {
          'circle-radius': 9,
          'circle-color': ['match', ['get', 'light'], 'red', '#cf1322', 'yellow', '#d48806', '#389e0d'],
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 2,
        },
      });
    });
    map.on('click', 'case-points', (e) => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id === 'number') first.current.onSelect(id);
    });
    return () => {
      if (window.__cgMobileMap === map) delete window.__cgMobileMap;
      map.remove();
    };
  }, []);

  if (failed) return <p className="m-notice m-notice-warn">{t('grid.mapFailed')}</p>;
  return <div ref={box} className="m-map m-map-tall" data-testid="grid-map" />;
}
