import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

// Vite does not bundle maplibre's worker on its own; point maplibre at the emitted file. Import maplibre
// through this module only from lazily loaded scenes, so it stays out of the entry chunk.
maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };

/** Creates a map, or returns null when the browser cannot draw one (no WebGL). */
export function createMap(options: maplibregl.MapOptions): maplibregl.Map | null {
  try {
    return new maplibregl.Map(options);
  } catch {
    return null;
  }
}
