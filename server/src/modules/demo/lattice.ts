/**
 * A jittered lattice over a bounding box. Blocks of lattice cells share their boundary vertices exactly,
 * so grids tile their community and communities tile their street with no gaps and no overlaps.
 */
export interface Lattice {
  cols: number;
  rows: number;
  /** vertex (i, j): column i from the west, row j from the north */
  vertex(i: number, j: number): [number, number];
}

/** A small deterministic PRNG (mulberry32), so the demo district is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds a lattice of cols × rows cells over [west, south, east, north], interior vertices moved ±jitter of a cell. */
export function makeLattice(
  bbox: [number, number, number, number],
  cols: number,
  rows: number,
  seed = 411602,
  jitter = 0.22,
): Lattice {
  const [west, south, east, north] = bbox;
  const dx = (east - west) / cols;
  const dy = (north - south) / rows;
  const rand = prng(seed);
  const pts: [number, number][][] = [];
  for (let i = 0; i <= cols; i++) {
    pts.push([]);
    for (let j = 0; j <= rows; j++) {
      const inner = i > 0 && i < cols && j > 0 && j < rows;
      const jx = inner ? (rand() * 2 - 1) * jitter * dx : 0;
      const jy = inner ? (rand() * 2 - 1) * jitter * dy : 0;
      pts[i]!.push([round(west + i * dx + jx), round(north - j * dy + jy)]);
    }
  }
  return { cols, rows, vertex: (i, j) => pts[i]![j]! };
}

function round(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

/** The closed outer ring of the block of cells [i0, i1) × [j0, j1), walking every lattice vertex on its edge. */
export function blockRing(l: Lattice, i0: number, i1: number, j0: number, j1: number): [number, number][] {
  const ring: [number, number][] = [];
  for (let i = i0; i < i1; i++) ring.push(l.vertex(i, j0)); // north edge, west → east
  for (let j = j0; j < j1; j++) ring.push(l.vertex(i1, j)); // east edge, north → south
  for (let i = i1; i > i0; i--) ring.push(l.vertex(i, j1)); // south edge, east → west
  for (let j = j1; j > j0; j--) ring.push(l.vertex(i0, j)); // west edge, south → north
  ring.push(ring[0]!);
  // GeoJSON exterior rings run counter-clockwise; the walk above is clockwise on the map
  return ring.reverse();
}
