import type { CaseMapCollection } from '../../api/stats.ts';
import { maplibregl } from '../../components/maplibre.ts';

/**
 * Server clusters drawn as HTML buttons with their count: an offline map has no glyphs for text labels, and
 * buttons can be reached with the keyboard. A click zooms in two levels around the cluster.
 */
export class ClusterMarkers {
  private markers: maplibregl.Marker[] = [];

  constructor(
    private readonly map: maplibregl.Map,
    private readonly labelOf: (count: number) => string,
  ) {}

  /** Replaces the markers with the clusters of a new answer. */
  show(fc: CaseMapCollection): void {
    this.clear();
    for (const f of fc.features) {
      if (!('cluster' in f.properties)) continue;
      const { count } = f.properties;
      const [lng, lat] = f.geometry.coordinates as [number, number];
      const el = document.createElement('button');
      el.type = 'button';
      el.className = 'dash-cluster';
      el.dataset.testid = 'case-cluster';
      el.textContent = count > 999 ? '999+' : String(count);
      el.setAttribute('aria-label', this.labelOf(count));
      const size = Math.min(48, 22 + Math.log2(count) * 4);
      el.style.width = `${size}px`;
      el.style.height = `${size}px`;
      el.addEventListener('click', (e) => {
        e.stopPropagation();
        this.map.easeTo({ center: [lng, lat], zoom: Math.min(16, this.map.getZoom() + 2) });
      });
      this.markers.push(new maplibregl.Marker({ element: el }).setLngLat([lng, lat]).addTo(this.map));
    }
  }

  clear(): void {
    for (const m of this.markers) m.remove();
    this.markers = [];
  }
}
