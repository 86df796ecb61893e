import { levelOfCode, type OrgLevel } from '@civicgrid/shared';

/** One feature of a boundary layer after structural checks. */
export interface BoundaryFeature {
  idx: number;
  code: string;
  level: OrgLevel;
  name: string;
  nameEn: string | null;
  kind: string | null;
  validFrom: string | null;
  validTo: string | null;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/** A problem with one feature (or the whole file when feature is null), reported back to the importer. */
export interface FeatureProblem {
  feature: number | null;
  code: string | null;
  problem: string;
  detail?: string;
}

const KINDS: Record<OrgLevel, string[]> = {
  district: [],
  street: ['street', 'town'],
  community: ['community', 'village'],
  grid: [],
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring) || ring.length < 4) return 'a ring needs at least 4 positions';
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
      return 'a position is not a [longitude, latitude] pair of numbers';
    }
    if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90)
      return 'a position is outside WGS84 longitude/latitude';
  }
  const [a, b] = [ring[0] as number[], ring[ring.length - 1] as number[]];
  if (a[0] !== b[0] || a[1] !== b[1]) return 'a ring is not closed (first and last positions differ)';
  return null;
}

function geometryProblem(g: unknown): string | null {
  if (!isRecord(g)) return 'geometry is missing';
  const polys =
    g.type === 'Polygon'
      ? [g.coordinates]
      : g.type === 'MultiPolygon' && Array.isArray(g.coordinates)
        ? g.coordinates
        : null;
  if (!polys) return `geometry type must be Polygon or MultiPolygon, got ${String(g.type)}`;
  if (polys.length === 0) return 'geometry has no polygons';
  for (const poly of polys) {
    if (!Array.isArray(poly) || poly.length === 0) return 'a polygon has no rings';
    for (const ring of poly) {
      const p = ringProblem(ring);
      if (p) return p;
    }
  }
  return null;
}

function dateOrNull(v: unknown): string | null | undefined {
  if (v === undefined || v === null || v === '') return null;
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))
    ? v
    : undefined;
}

/** One feature checked on its own: the usable feature, or the first problem found. */
function parseFeature(f: unknown, idx: number): BoundaryFeature | FeatureProblem {
  const props = isRecord(f) && isRecord(f.properties) ? f.properties : {};
  const code =
    typeof props.code === 'string' ? props.code : typeof props.code === 'number' ? String(props.code) : null;
  const problem = (problem: string, detail?: string): FeatureProblem => ({
    feature: idx,
    code,
    problem,
    detail,
  });
  if (!isRecord(f) || f.type !== 'Feature') return problem('not_a_feature');
  const level = code ? levelOfCode(code) : null;
  if (!code || !level) return problem('bad_code', 'code must be 6, 9, 12 or 15 digits');
  const name = typeof props.name === 'string' ? props.name.trim() : '';
  if (!name || name.length > 100) return problem('bad_name', 'name must be 1 to 100 characters');
  const kind = typeof props.kind === 'string' ? props.kind : null;
  if (kind !== null && !KINDS[level].includes(kind))
    return problem('bad_kind', `kind "${kind}" does not fit ${level}`);
  const validFrom = dateOrNull(props.valid_from);
  const validTo = dateOrNull(props.valid_to);
  if (validFrom === undefined || validTo === undefined)
    return problem('bad_date', 'dates must be YYYY-MM-DD');
  if (validFrom && validTo && validTo <= validFrom)
    return problem('bad_date', 'valid_to must be after valid_from');
  const gp = geometryProblem(f.geometry);
  if (gp) return problem('bad_geometry', gp);
  return {
    idx,
    code,
    level,
    name,
    nameEn: typeof props.name_en === 'string' ? props.name_en : null,
    kind: kind ?? (level === 'street' ? 'street' : level === 'community' ? 'community' : null),
    validFrom,
    validTo,
    geometry: f.geometry as BoundaryFeature['geometry'],
  };
}

/** Checks the shape of every feature (no database needed); returns the usable features and the problems. */
export function validateStructure(input: unknown): {
  features: BoundaryFeature[];
  problems: FeatureProblem[];
} {
  const problems: FeatureProblem[] = [];
  if (!isRecord(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    return { features: [], problems: [{ feature: null, code: null, problem: 'not_feature_collection' }] };
  }
  if (input.features.length === 0)
    return { features: [], problems: [{ feature: null, code: null, problem: 'empty' }] };
  const features: BoundaryFeature[] = [];
  const seen = new Map<string, number>();
  input.features.forEach((f: unknown, idx: number) => {
    const parsed = parseFeature(f, idx);
    if ('problem' in parsed) {
      problems.push(parsed);
    } else if (seen.has(parsed.code)) {
      problems.push({
        feature: idx,
        code: parsed.code,
        problem: 'duplicate_code',
        detail: `also feature ${seen.get(parsed.code)}`,
      });
    } else {
      seen.set(parsed.code, idx);
      features.push(parsed);
    }
  });
  return { features, problems };
}

/** The structural checks plus the importer's scope: features outside every code in `scopes` are refused. */
export function validateLayer(
  input: unknown,
  scopes: string[] | null,
): { features: BoundaryFeature[]; problems: FeatureProblem[] } {
  const { features, problems } = validateStructure(input);
  if (scopes) {
    for (const f of features) {
      if (!scopes.some((s) => f.code.startsWith(s)))
        problems.push({ feature: f.idx, code: f.code, problem: 'outside_your_scope' });
    }
  }
  return { features, problems };
}
