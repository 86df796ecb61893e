import { gridCentre } from '../../test/factories.ts';
import { multipartBody, testImage } from '../modules/photos/test-fixtures.ts';
import type { CallerName } from './callers.ts';
import type { Audience } from './markers.ts';
import { under } from './reach.ts';
import type { World } from './world.ts';

type Headers = Record<string, string>;

/** Callers who read inspections and rectification rows over their area ('inspection.read'). */
export const INSPECTION_READERS = [
  'community_staff',
  'street_staff',
  'dispatcher',
  'leader',
  'district_admin',
] as const;
/** Callers who read every inspection of the district, an unsubmitted 暗访 too. */
export const DISTRICT_READERS = ['dispatcher', 'leader', 'district_admin'] as const;
/** Callers who plan, walk and re-check ('inspection.run'). */
export const RUNNERS = ['leader', 'district_admin'] as const;

/** The supervision objects of the world, made once per world through the API. */
export interface Supervision {
  typeId: number;
  pointA: number;
  /** a point of district B */
  pointB: number;
  /** an unsubmitted 暗访 of point A */
  undercover: number;
  /** a 督查 of point A under way: its stop and first item, for answering */
  walking: { id: number; stopId: number; itemId: number };
  submittedA: number;
  submittedB: number;
  /** rows: A's grid 1 (A's unit), A's street 2 (the sibling unit), B; and A's bulletin item (no case) */
  rowA: number;
  rowA2: number;
  rowB: number;
  bulletinA: number;
}

async function call<T>(w: World, headers: Headers, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await w.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json().data as T;
}

type View = { id: number; route: { id: number; items: { id: number }[] }[] };

/** Plans an inspection of one point as someone; its view. */
export function planAt(w: World, headers: Headers, pointId: number, kind = 'supervision'): Promise<View> {
  return call<View>(w, headers, 'POST', '/api/inspections', {
    kind,
    title: '矩阵检查',
    plannedOn: '2026-12-02',
    pointIds: [pointId],
  });
}

/** Answers the only stop (the first item failing with a photo when `fail`) and submits. */
export async function walkAndSubmit(w: World, headers: Headers, v: View, fail: boolean): Promise<void> {
  const stop = v.route[0]!;
  const answers = stop.items.map((it, i) => ({ itemId: it.id, result: fail && i === 0 ? 'fail' : 'pass' }));
  const files = fail
    ? [
        {
          name: `photo-${stop.items[0]!.id}`,
          filename: 'f.jpg',
          type: 'image/jpeg',
          data: await testImage('jpeg'),
        },
      ]
    : [];
  const body = multipartBody({ answers: JSON.stringify(answers) }, files);
  const res = await w.app.inject({
    method: 'POST',
    url: `/api/inspections/${v.id}/stops/${stop.id}/answers`,
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
  if (res.statusCode !== 200) throw new Error(`answers: ${res.statusCode} ${res.body}`);
  await call(w, headers, 'POST', `/api/inspections/${v.id}/submit`);
}

const made = new WeakMap<World, Promise<Supervision>>();
const ready = new WeakMap<World, Supervision>();

/** The supervision objects once built (a fixture's `shows` runs after its request was built). */
export function builtSupervision(w: World): Supervision {
  const s = ready.get(w);
  if (!s) throw new Error('supervision objects not built yet');
  return s;
}

/** The world's supervision objects (built at the first cell that needs them) with their markers registered. */
export function supervisionOf(w: World): Promise<Supervision> {
  let p = made.get(w);
  if (!p) {
    p = build(w);
    made.set(w, p);
  }
  return p;
}

async function build(w: World): Promise<Supervision> {
  const admin = w.callers.district_admin.headers;
  const leader = w.callers.leader.headers;
  const types = await call<{ id: number; nameZh: string }[]>(w, admin, 'GET', '/api/inspection-point-types');
  const typeId = types.find((t) => t.nameZh === '集贸市场')!.id;
  const point = (headers: Headers, loc: { lng: number; lat: number }, unitId: number) =>
    call<{ id: number }>(w, headers, 'POST', '/api/inspection-points', {
      name: '矩阵市场',
      pointTypeId: typeId,
      location: loc,
      unitId,
    }).then((p) => p.id);
  const pointA = await point(admin, gridCentre(w.a, 0), w.units.own);
  const pointA2 = await point(admin, gridCentre(w.a, 4), w.units.sibling);
  const pointB = await point(w.others.bAdmin, gridCentre(w.b, 0), w.units.foreign);
  const undercover = (await planAt(w, leader, pointA, 'undercover')).id;
  const walkingView = await planAt(w, leader, pointA);
  const a = await planAt(w, leader, pointA);
  await walkAndSubmit(w, leader, a, true);
  const a2 = await planAt(w, leader, pointA2);
  await walkAndSubmit(w, leader, a2, true);
  const b = await planAt(w, w.others.bAdmin, pointB);
  await walkAndSubmit(w, w.others.bAdmin, b, true);
  const rows = async (headers: Headers, inspectionId: number) =>
    (await call<{ id: number }[]>(w, headers, 'GET', `/api/rectifications?inspectionId=${inspectionId}`))[0]!
      .id;
  const bulletin = await call<{ id: number }>(w, leader, 'POST', '/api/rectifications', {
    orgCode: w.a.grids[0]!.code,
    originRef: '市文明办通报〔2026〕1号',
    description: '矩阵通报事项',
    categoryCode: '01.04',
    unitId: w.units.own,
    deadlineOn: '2026-12-31',
  });
  const s: Supervision = {
    typeId,
    pointA,
    pointB,
    undercover,
    walking: {
      id: walkingView.id,
      stopId: walkingView.route[0]!.id,
      itemId: walkingView.route[0]!.items[0]!.id,
    },
    submittedA: a.id,
    submittedB: b.id,
    rowA: await rows(leader, a.id),
    rowA2: await rows(leader, a2.id),
    rowB: await rows(w.others.bAdmin, b.id),
    bulletinA: bulletin.id,
  };
  register(w, s, { pointA2, pointB, a2: a2.id });
  ready.set(w, s);
  return s;
}

/** Who reads inspection data at an org code of A. */
function readsAt(w: World, caller: CallerName, code: string): boolean {
  return (INSPECTION_READERS as readonly string[]).includes(caller) && under(code, w.reach[caller].cases);
}

function register(w: World, s: Supervision, more: { pointA2: number; pointB: number; a2: number }) {
  const g0 = w.a.grids[0]!.code;
  const s2 = w.a.streets[1]!.code;
  const at = (code: string) => (a: Audience) => readsAt(w, a.caller, code);
  const district = (a: Audience) => (DISTRICT_READERS as readonly string[]).includes(a.caller);
  const never = () => false;
  const ids = w.markers.ids;
  ids.point.set(s.pointA, { label: 'inspection point in grid 1 of A', visible: at(g0) });
  ids.point.set(more.pointA2, { label: 'inspection point in street 2 of A', visible: at(s2) });
  ids.point.set(more.pointB, { label: 'inspection point of B', visible: never });
  ids.inspection.set(s.undercover, { label: 'unsubmitted 暗访 in grid 1 of A', visible: district });
  ids.inspection.set(s.walking.id, { label: '督查 under way in grid 1 of A', visible: at(g0) });
  // a unit's rows name the inspection that found them (its title and day), though the unit cannot open it
  const withUnit = (a: Audience) => at(g0)(a) || a.caller === 'unit_handler';
  ids.inspection.set(s.submittedA, { label: 'submitted 督查 in grid 1 of A', visible: withUnit });
  ids.inspection.set(more.a2, { label: 'submitted 督查 in street 2 of A', visible: at(s2) });
  ids.inspection.set(s.submittedB, { label: 'submitted 督查 of B', visible: never });
  const ownUnit = (code: string) => (a: Audience) =>
    readsAt(w, a.caller, code) || a.caller === 'unit_handler';
  ids.rectification.set(s.rowA, {
    label: 'rectification row in grid 1 of A (A’s unit)',
    visible: ownUnit(g0),
  });
  ids.rectification.set(s.bulletinA, {
    label: 'bulletin row in grid 1 of A (A’s unit)',
    visible: ownUnit(g0),
  });
  ids.rectification.set(s.rowA2, { label: 'rectification row in street 2 of A', visible: at(s2) });
  ids.rectification.set(s.rowB, { label: 'rectification row of B', visible: never });
}
