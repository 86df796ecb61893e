import type { FeatureCollection, Geometry } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgFeatures } from '../../api/queries.ts';
import { createMap, type maplibregl } from '../../components/maplibre.ts';
import { collectionsBbox } from './map-style.ts';
import type { FeatureChange } from './org-admin-api.ts';

declare global {
  interface Window {
    /** The boundary preview map, exposed so end-to-end tests can wait until it has drawn. */
    __cgPreviewMap?: maplibregl.Map;
  }
}

/** Old outlines dashed in orange, new ones filled in blue: the two colours read apart for colour-blind eyes. */
const OLD_COLOUR = '#d4380d';
const NEW_COLOUR = '#1d5fd1';

function collection(changes: FeatureChange[], which: 'old' | 'new'): FeatureCollection<Geometry> {
  return {
    type: 'FeatureCollection',
    features: changes.flatMap((c) => {
      const geometry = which === 'old' ? c.oldGeometry : c.newGeometry;
      return geometry ? [{ type: 'Feature' as const, properties: { code: c.code }, geometry }] : [];
    }),
  };
}

/** The old and the new outlines of a boundary preview on one small map, fitted to both. */
export function BoundaryPreviewMap({
  changes,
  tileUrl,
}: {
  changes: FeatureChange[];
  tileUrl: string | null;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    const oldFc = collection(changes, 'old');
    const newFc = collection(changes, 'new');
    const box = collectionsBbox([oldFc, newFc] as OrgFeatures[]);
    const map = createMap({
      container: container.current,
      tileUrl,
      center: box ? [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2] : [105, 35],
      zoom: box ? 13 : 3,
    });
    if (!map) {
      setFailed(true);
      return;
    }
    map.on('load', () => {
      map.addSource('old', { type: 'geojson', data: oldFc });
      map.addSource('new', { type: 'geojson', data: newFc });
      map.addLayer({
        id: 'new-fill',
        type: 'fill',
        source: 'new',
        paint: { 'fill-color': NEW_COLOUR, 'fill-opacity': 0.22 },
      });
      map.addLayer({
        id: 'new-line',
        type: 'line',
        source: 'new',
        paint: { 'line-color': NEW_COLOUR, 'line-width': 2.5 },
      });
      map.addLayer({
        id: 'old-line',
        type: 'line',
        source: 'old',
        paint: { 'line-color': OLD_COLOUR, 'line-width': 2.5, 'line-dasharray': [2, 1.5] },
      });
      if (box) map.fitBounds(box, { padding: 32, maxZoom: 17, duration: 0 });
    });
    map.getCanvas().setAttribute('aria-label', t('orgAdmin.previewMap'));
    window.__cgPreviewMap = map;
    return () => {
      if (window.__cgPreviewMap === map) delete window.__cgPreviewMap;
      map.remove();
    };
  }, [changes, tileUrl, t]);

  return (
    <div className="boundary-preview-map-wrap">
      <div ref={container} className="boundary-preview-map" data-testid="boundary-preview-map" />
      <div className="boundary-legend">
        <span className="legend-swatch legend-old" /> {t('orgAdmin.legendOld')}
        <span className="legend-swatch legend-new" /> {t('orgAdmin.legendNew')}
      </div>
      {failed && <p className="boundary-map-failed">{t('org.mapFailed')}</p>}
    </div>
  );
}
