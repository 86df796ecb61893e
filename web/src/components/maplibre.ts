import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
// the control labels are shared with the phone pages' maps
import { mapLocale } from '../mobile/map/map-style.ts';
import { baseStyle } from '../scenes/org/map-style.ts';

// Vite does not bundle maplibre's worker on its own; point maplibre at the emitted file. Import maplibre
// through this module only from lazily loaded scenes, so it stays out of the entry chunk.
maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };

/**
 * Creates a console map over the district's base map (none when TILE_URL is unset, so it works offline), flat
 * (no rotation or pitch) with zoom buttons top-left; null when the browser cannot draw one (no WebGL).
 */
export function createMap(opts: {
  container: HTMLElement;
  tileUrl: string | null;
  center: [number, number];
  zoom: number;
}): maplibregl.Map | null {
  let map: maplibregl.Map;
  try {
    map = new maplibregl.Map({
      container: opts.container,
      style: baseStyle(opts.tileUrl),
      center: opts.center,
      zoom: opts.zoom,
      attributionControl: opts.tileUrl ? { compact: true } : false,
      dragRotate: false,
      pitchWithRotate: false,
      locale: mapLocale(document.documentElement.lang),
    });
  } catch {
    return null;
  }
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
  return map;
}
