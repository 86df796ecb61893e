import { blockRing, makeLattice } from './lattice.ts';
import { COMMUNITY_NAMES, DEMO_DISTRICT, DEMO_STREETS } from './names.ts';

/** The demo district's real location: 川汇区, Zhoukou (WGS84). */
export const DEMO_BBOX: [number, number, number, number] = [114.58, 33.58, 114.72, 33.68];
const COLS = 24;
const ROWS = 14;
const STREET_COLS = 4;
const STREET_ROWS = 2;

interface Feature {
  type: 'Feature';
  properties: { code: string; name: string; name_en?: string; kind?: string };
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
}

/** Splits n cells into parts of the given sizes, returning [start, end) pairs. */
function spans(sizes: number[]): [number, number][] {
  let at = 0;
  return sizes.map((s) => {
    const span: [number, number] = [at, at + s];
    at += s;
    return span;
  });
}

const pad = (n: number) => String(n).padStart(3, '0');

/**
 * The demo district as a GeoJSON boundary layer: 8 streets, 60 communities/villages and 336 grids on a jittered
 * lattice, coded west→east, north→south (15-digit grid ids under GB/T 2260 code 411602).
 */
export function demoBoundaryLayer(): { type: 'FeatureCollection'; features: Feature[] } {
  const l = makeLattice(DEMO_BBOX, COLS, ROWS);
  const poly = (i0: number, i1: number, j0: number, j1: number): Feature['geometry'] => ({
    type: 'Polygon',
    coordinates: [blockRing(l, i0, i1, j0, j1)],
  });
  const features: Feature[] = [
    {
      type: 'Feature',
      properties: { code: DEMO_DISTRICT.code, name: DEMO_DISTRICT.name, name_en: DEMO_DISTRICT.nameEn },
      geometry: poly(0, COLS, 0, ROWS),
    },
  ];
  let filler = 0;
  const sw = COLS / STREET_COLS;
  const sh = ROWS / STREET_ROWS;
  DEMO_STREETS.forEach((street, s) => {
    const [si, sj] = [(s % STREET_COLS) * sw, Math.floor(s / STREET_COLS) * sh];
    const streetCode = `${DEMO_DISTRICT.code}${pad(s + 1)}`;
    features.push({
      type: 'Feature',
      properties: { code: streetCode, name: street.name, name_en: street.nameEn, kind: 'street' },
      geometry: poly(si, si + sw, sj, sj + sh),
    });
    // alternate finer and coarser community layouts: 9 and 6 communities per street, 60 in all
    const colSpans = spans(s % 2 === 0 ? [2, 2, 2] : [3, 3]);
    const rowSpans = spans([2, 2, 3]);
    let c = 0;
    for (const [rj0, rj1] of rowSpans) {
      for (const [ci0, ci1] of colSpans) {
        const named = street.communities[c];
        const kind = named?.kind ?? 'community';
        const name = named?.name ?? `${COMMUNITY_NAMES[filler++ % COMMUNITY_NAMES.length]}社区`;
        const communityCode = `${streetCode}${pad(++c)}`;
        features.push({
          type: 'Feature',
          properties: { code: communityCode, name, kind },
          geometry: poly(si + ci0, si + ci1, sj + rj0, sj + rj1),
        });
        let g = 0;
        for (let j = sj + rj0; j < sj + rj1; j++) {
          for (let i = si + ci0; i < si + ci1; i++) {
            g++;
            features.push({
              type: 'Feature',
              properties: { code: `${communityCode}${pad(g)}`, name: `${name}第${g}网格` },
              geometry: poly(i, i + 1, j, j + 1),
            });
          }
        }
      }
    }
  });
  return { type: 'FeatureCollection', features };
}
