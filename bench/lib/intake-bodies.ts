import { seededRandom } from './measure.ts';

/** The demo district's bounding box (川汇区 lattice), where generated reports are located. */
export const DEMO_BBOX = { minLng: 114.58, maxLng: 114.72, minLat: 33.58, maxLat: 33.68 };

/** How the n-th intake request of a run is built; the same spec and n always give the same report. */
export interface IntakeSpec {
  seed: number;
  /** a prefix that makes the Idempotency-Keys of this run unique */
  run: string;
  source: 'hotline' | 'resident';
  /** leaf categories without required questions */
  categories: string[];
  /** `cg_session=…` for an authenticated reporter, null for an anonymous resident */
  cookie: string | null;
}

/** The JSON body of POST /api/cases, as the console's hotline form and the phone page send it. */
export interface IntakeBody {
  source: string;
  categoryCode: string;
  description: string;
  location: { lng: number; lat: number };
  address: string;
}

/** What marks the description of every report the benchmark writes, so a kept database can be rid of them. */
export const BENCH_MARK = '（压测 ';

const PHRASES = ['路灯不亮，晚上很黑', '井盖松动，有安全隐患', '垃圾堆放多日无人清理', '占道经营影响通行'];

/** The n-th report of a run: a category, a point in the district's box and a short description. */
export function intakeBody(spec: IntakeSpec, n: number): IntakeBody {
  const rnd = seededRandom((spec.seed * 1_000_003 + n) >>> 0);
  const lng = DEMO_BBOX.minLng + rnd() * (DEMO_BBOX.maxLng - DEMO_BBOX.minLng);
  const lat = DEMO_BBOX.minLat + rnd() * (DEMO_BBOX.maxLat - DEMO_BBOX.minLat);
  return {
    source: spec.source,
    categoryCode: spec.categories[Math.floor(rnd() * spec.categories.length)] ?? '05.02',
    description: `${PHRASES[n % PHRASES.length]}${BENCH_MARK}${n}）`,
    location: { lng: Number(lng.toFixed(6)), lat: Number(lat.toFixed(6)) },
    address: `测试地址 ${n % 1000} 号`,
  };
}

/** The Idempotency-Key of the n-th report, as the phone's outbox sends one per report. */
export function intakeKey(spec: IntakeSpec, n: number): string {
  return `${spec.run}-${n}`;
}
