import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

// Vite does not bundle maplibre's worker on its own; point maplibre at the emitted file.
maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };

declare global {
  interface Window {
    /** the phone pages' current map, exposed so end-to-end tests can wait for it to load */
    __cgMobileMap?: maplibregl.Map;
  }
}
