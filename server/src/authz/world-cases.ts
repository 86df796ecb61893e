import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { STREETLIGHT } from '../../test/case-helpers.ts';
import { gridCentre, type Tenant } from '../../test/factories.ts';
import { multipartBody, testImage } from '../modules/photos/test-fixtures.ts';
import type { CallerName } from './callers.ts';
import { type People, sentinelPhone } from './world-people.ts';

export type CaseKey =
  | 'reported'
  | 'supervision'
  | 'dispatched'
  | 'closed'
  | 'neighbour'
  | 'sibling'
  | 'siblingSupervision'
  | 'api'
  | 'foreign'
  | 'foreignSupervision';

/** Where a case lies: grid 1 of street 1 (own), the next grid of the same community, street 2, district B. */
export type Place = 'own' | 'neighbour' | 'sibling' | 'foreign';

/** A case of the world with its secrets: the tracking code, the reporter's contact, the internal notes. */
export interface WorldCase {
  key: CaseKey;
  id: number;
  trackingCode: string;
  orgCode: string;
  place: Place;
  /** the state the world leaves it in */
  state: 'reported' | 'filed' | 'dispatched' | 'closed';
  unitId: number | null;
  /** from an internal source (督查): never public */
  internal: boolean;
  /** the callers who reported it (they hold it as its reporter) */
  reporters: CallerName[];
  reporterName: string | null;
  reporterPhone: string | null;
  /** the internal notes written on it (each with a contractor's phone number in it) */
  notes: string[];
  notePhones: string[];
  /** the description; for an internal case it is as internal as the case */
  description: string;
  /** the photos attached to its report */
  photos: string[];
}

type Headers = Record<string, string>;

/** Sends a report as JSON or, with a photo, as multipart; throws unless it is accepted. */
async function report(
  app: FastifyInstance,
  headers: Headers,
  t: Tenant,
  grid: number,
  fields: Record<string, string>,
  photo = false,
): Promise<{ id: number; trackingCode: string; orgCode: string }> {
  const at = gridCentre(t, grid);
  const base = { categoryCode: STREETLIGHT, ...fields };
  const res = photo
    ? await (async () => {
        const body = multipartBody({ ...base, lat: String(at.lat), lng: String(at.lng) }, [
          { name: 'photos', filename: 'p.jpg', type: 'image/jpeg', data: await testImage('jpeg') },
        ]);
        return app.inject({
          method: 'POST',
          url: '/api/cases',
          payload: body.payload,
          headers: { ...headers, ...body.headers },
        });
      })()
    : await app.inject({
        method: 'POST',
        url: '/api/cases',
        headers,
        payload: { ...base, location: at },
      });
  if (res.statusCode !== 201)
    throw new Error(`report ${JSON.stringify(fields)}: ${res.statusCode} ${res.body}`);
  return res.json().data;
}

/** Fires a transition and throws unless it succeeds. */
async function step(
  app: FastifyInstance,
  headers: Headers,
  id: number,
  action: string,
  payload: Record<string, unknown> = {},
): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/cases/${id}/actions/${action}`,
    headers,
    payload,
  });
  if (res.statusCode !== 200) throw new Error(`${action} on ${id}: ${res.statusCode} ${res.body}`);
}

/**
 * Builds the cases of the world through the API, as their people would: reports from residents, anonymous
 * callers, staff (督查) and the API client; filing and dispatching with internal notes; a closed one; all
 * A callers follow one public case, so each has notifications of its own.
 */
export async function buildCases(
  app: FastifyInstance,
  p: People,
  follow: (caseId: number) => Promise<void>,
): Promise<Record<CaseKey, WorldCase>> {
  const tag = randomBytes(3).toString('hex');
  const h = (c: CallerName) => p.callers[c].headers;
  const bAdmin = p.others.bAdmin;
  const bUnit = p.others.bUnitHandler;
  const out = {} as Record<CaseKey, WorldCase>;

  const make = async (
    key: CaseKey,
    by: Headers,
    reporters: CallerName[],
    where: { t: Tenant; grid: number; place: Place },
    opts: { source?: string; contact?: boolean; photo?: boolean; accountName?: boolean } = {},
  ) => {
    // a logged-in resident who gives no name is known by the account's name
    const reporterName = opts.contact && !opts.accountName ? `报告人${key}${tag}` : null;
    const reporterPhone = opts.contact ? sentinelPhone() : null;
    const internal = opts.source === 'supervision';
    const description = internal ? `督查内部描述${key}${tag}` : `矩阵测试路灯不亮${key}`;
    const fields: Record<string, string> = { source: opts.source ?? 'resident', description };
    if (reporterName) fields.reporterName = reporterName;
    if (reporterPhone) fields.reporterPhone = reporterPhone;
    const c = await report(app, by, where.t, where.grid, fields, opts.photo);
    out[key] = {
      key,
      ...c,
      place: where.place,
      state: 'reported',
      unitId: null,
      internal,
      description,
      photos: [],
      reporters,
      reporterName,
      reporterPhone,
      notes: [],
      notePhones: [],
    };
    return out[key];
  };
  /** An internal note with a contractor's phone number in it, remembered as a secret of the case. */
  const note = (c: WorldCase, what: string) => {
    const phone = sentinelPhone();
    const text = `内部${what}${c.key}${tag}：施工方电话${phone}`;
    c.notes.push(text);
    c.notePhones.push(phone);
    return text;
  };
  const fileAndDispatch = async (c: WorldCase, by: Headers, unitId: number) => {
    await step(app, by, c.id, 'file', { note: note(c, '立案') });
    await step(app, by, c.id, 'dispatch', { unitId, note: note(c, '派遣') });
    c.unitId = unitId;
    c.state = 'dispatched';
  };

  const own = { t: p.a, grid: 0, place: 'own' as const };
  const sibling = { t: p.a, grid: 4, place: 'sibling' as const };
  const foreign = { t: p.b, grid: 0, place: 'foreign' as const };

  await make('reported', h('resident'), ['resident'], own, { contact: true, photo: true });
  const sup = await make('supervision', h('dispatcher'), [], own, { source: 'supervision', photo: true });
  await fileAndDispatch(sup, h('dispatcher'), p.units.own);

  const dispatched = await make('dispatched', {}, [], own, { contact: true });
  await follow(dispatched.id);
  await fileAndDispatch(dispatched, h('dispatcher'), p.units.own);

  const closed = await make('closed', h('resident'), ['resident'], own, { contact: true, accountName: true });
  await fileAndDispatch(closed, h('dispatcher'), p.units.own);
  await step(app, h('unit_handler'), closed.id, 'feedback', { note: note(closed, '反馈') });
  await step(app, h('grid_worker'), closed.id, 'check_pass');
  await step(app, h('dispatcher'), closed.id, 'close', { note: note(closed, '结案') });
  closed.state = 'closed';

  const neighbour = await make(
    'neighbour',
    {},
    [],
    { t: p.a, grid: 1, place: 'neighbour' },
    { contact: true },
  );
  await step(app, h('dispatcher'), neighbour.id, 'file', { note: note(neighbour, '立案') });
  neighbour.state = 'filed';

  const sib = await make('sibling', {}, [], sibling, { contact: true, photo: true });
  await fileAndDispatch(sib, h('dispatcher'), p.units.sibling);
  await make('siblingSupervision', h('dispatcher'), [], sibling, { source: 'supervision' });

  await make('api', h('integration_token'), ['integration', 'integration_token'], own, {
    source: 'api',
    contact: true,
  });

  const far = await make('foreign', {}, [], foreign, { contact: true, photo: true });
  await fileAndDispatch(far, bAdmin, p.units.foreign);
  await step(app, bUnit, far.id, 'sign');
  await make('foreignSupervision', bAdmin, [], foreign, { source: 'supervision', photo: true });
  return out;
}
