import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgFeatures } from '../../api/queries.ts';
import { createMap, maplibregl } from '../../components/maplibre.ts';
import { type Bbox, collectionsBbox, ORG_LAYERS, selectedFilter } from './map-style.ts';

declare global {
  interface Window {
    /** The org map, exposed so end-to-end tests can wait for `loaded()` and query rendered features. */
    __cgMap?: maplibregl.Map;
  }
}

interface OrgMapProps {
  grids: OrgFeatures | undefined;
  streets: OrgFeatures | undefined;
  tileUrl: string | null;
  /** Where to look before the polygons arrive: the district's centre, if known. */
  center: [number, number] | null;
  selectedId: number | null;
  focus: Bbox | null;
  onSelectGrid: (id: number) => void;
}

const EMPTY: OrgFeatures = { type: 'FeatureCollection', features: [] };

function setSource(map: maplibregl.Map, id: string, data: OrgFeatures): void {
  const source = map.getSource<maplibregl.GeoJSONSource>(id);
  source?.setData(data);
}

/** Room for the detail card that floats over the right of a wide map, so the zoomed node is not hidden. */
function focusPadding(map: maplibregl.Map): maplibregl.PaddingOptions {
  const wide = map.getContainer().clientWidth >= 720;
  return { top: 48, bottom: 48, left: 48, right: wide ? 360 : 48 };
}

/** The grid map: grid polygons, thicker street outlines, click to select, highlight and zoom to a selection. */
export function OrgMap({ grids, streets, tileUrl, center, selectedId, focus, onSelectGrid }: OrgMapProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [failed, setFailed] = useState(false);
  const fitted = useRef(false);
  // The centre only matters for the first frame; rebuilding the map when it changes would lose the view.
  const initialCenter = useRef(center);
  const onSelect = useRef(onSelectGrid);
  useEffect(() => {
    onSelect.current = onSelectGrid;
  });

  useEffect(() => {
    if (!container.current) return;
    const instance = createMap({
      container: container.current,
      tileUrl,
      // Without a centre, show China until the polygons arrive and the map fits to them.
      center: initialCenter.current ?? [105, 35],
      zoom: initialCenter.current ? 11 : 3,
    });
    if (!instance) {
      // No WebGL: the rest of the page (tree, details) still works.
      setFailed(true);
      return;
    }
    const popup = new maplibregl.Popup({
      closeButton: false,
      closeOnClick: false,
      className: 'org-map-popup',
    });
    instance.on('load', () => {
      for (const id of ['grids', 'streets']) instance.addSource(id, { type: 'geojson', data: EMPTY });
      for (const layer of ORG_LAYERS) instance.addLayer(layer);
      setMap(instance);
    });
    instance.on('click', 'grid-fill', (e) => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id === 'number') onSelect.current(id);
    });
    instance.on('mousemove', 'grid-fill', (e) => {
      const name = e.features?.[0]?.properties?.name;
      instance.getCanvas().style.cursor = 'pointer';
      if (typeof name === 'string') popup.setLngLat(e.lngLat).setText(name).addTo(instance);
    });
    instance.on('mouseleave', 'grid-fill', () => {
      instance.getCanvas().style.cursor = '';
      popup.remove();
    });
    window.__cgMap = instance;
    return () => {
      if (window.__cgMap === instance) delete window.__cgMap;
      instance.remove();
      setMap(null);
      fitted.current = false;
    };
  }, [tileUrl]);

  useEffect(() => {
    map?.getCanvas().setAttribute('aria-label', t('org.mapLabel'));
  }, [map, t]);

  useEffect(() => {
    if (!map) return;
    if (grids) setSource(map, 'grids', grids);
    if (streets) setSource(map, 'streets', streets);
    const box = collectionsBbox([grids, streets].filter((c): c is OrgFeatures => c !== undefined));
    // Fit once to the data; later updates must not undo the user's panning.
    if (box && !fitted.current && grids && streets) {
      fitted.current = true;
      map.fitBounds(box, { padding: 24, maxZoom: 15, duration: 0 });
    }
  }, [map, grids, streets]);

  useEffect(() => {
    if (!map) return;
    const filter = selectedFilter(selectedId);
    for (const id of ['grid-selected-fill', 'grid-selected-line', 'street-selected-line'])
      map.setFilter(id, filter);
  }, [map, selectedId]);

  useEffect(() => {
    if (map && focus) map.fitBounds(focus, { padding: focusPadding(map), maxZoom: 14.5, duration: 500 });
  }, [map, focus]);

  return (
    <div className="org-map-wrap">
      <div ref={container} className="org-map" data-testid="org-map" />
      {failed && <Alert className="org-map-failed" type="warning" showIcon title={t('org.mapFailed')} />}
    </div>
  );
}
