import type { FastifyInstance } from 'fastify';
import type { People } from './world-people.ts';

type Headers = Record<string, string>;

/**
 * Where the world's webhooks point: the discard port of this machine, which the matrix's app allows
 * (WEBHOOK_ALLOW_HOSTS). Nothing reaches the network if another test's sweep sends a delivery of theirs.
 */
export const HOOK_URL = 'http://127.0.0.1:9/matrix-hook';
/** Allowed hosts of the matrix's app. */
export const HOOK_HOSTS = ['127.0.0.1'];
/**
 * The only step the world's hooks follow. Hooks made by cells follow one the matrix never fires, so they queue
 * no deliveries for the sweeps of other tests sharing the database to work through.
 */
export const HOOK_ACTIONS = { world: ['dispatch'], cells: ['suspend'] };

export interface WorldHook {
  id: number;
  secret: string;
  /** who manages it: the district admin of A (area and unit hooks), the owner of a personal one, or B */
  managedBy: 'district_admin' | 'grid_worker' | 'siblingGridWorker' | 'bAdmin';
}

/** The webhooks, keys and tokens of the world, each with its secret (never to be shown again). */
export interface WorldObjects {
  hooks: Record<'district' | 'unit' | 'siblingArea' | 'personal' | 'siblingPersonal' | 'foreign', WorldHook>;
  keys: Record<'own' | 'foreign', { id: number; key: string }>;
  tokens: Record<'integration' | 'dispatcher' | 'foreign', { id: string; token: string; ownerId: string }>;
}

/** POSTs as someone and returns the answer's data; throws unless it was created. */
async function create<T>(app: FastifyInstance, headers: Headers, url: string, payload: object): Promise<T> {
  const res = await app.inject({ method: 'POST', url, headers, payload });
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json().data as T;
}

/** A webhook created through the API by whoever may create it. */
export async function newHook(
  app: FastifyInstance,
  headers: Headers,
  body: { format: 'json' | 'wecom'; orgCode?: string; unitId?: number },
  actions: string[] = HOOK_ACTIONS.cells,
): Promise<{ id: number; secret: string }> {
  return create(app, headers, '/api/webhooks', { url: HOOK_URL, actions, ...body });
}

/** Webhooks before any case (so deliveries are queued for them), created by their managers. */
export async function buildHooks(app: FastifyInstance, p: People): Promise<WorldObjects['hooks']> {
  const admin = p.callers.district_admin.headers;
  const hook = async (
    by: Headers,
    managedBy: WorldHook['managedBy'],
    body: Parameters<typeof newHook>[2],
  ) => ({
    ...(await newHook(app, by, body, HOOK_ACTIONS.world)),
    managedBy,
  });
  return {
    district: await hook(admin, 'district_admin', { format: 'json', orgCode: p.a.district.code }),
    unit: await hook(admin, 'district_admin', { format: 'json', unitId: p.units.own }),
    siblingArea: await hook(admin, 'district_admin', { format: 'json', orgCode: p.a.streets[1]!.code }),
    personal: await hook(p.callers.grid_worker.headers, 'grid_worker', { format: 'wecom' }),
    siblingPersonal: await hook(p.others.siblingGridWorker, 'siblingGridWorker', { format: 'wecom' }),
    foreign: await hook(p.others.bAdmin, 'bAdmin', { format: 'json', orgCode: p.b.district.code }),
  };
}

/** A bearer token minted through the API by its owner. */
export async function newToken(
  app: FastifyInstance,
  headers: Headers,
): Promise<{ id: string; token: string }> {
  return create(app, headers, '/api/auth/tokens', { name: `matrix-${Date.now()}` });
}

/** An Open311 key created through the API by a district administrator. */
export async function newKey(app: FastifyInstance, headers: Headers): Promise<{ id: number; key: string }> {
  return create(app, headers, '/api/open311/keys', { name: `matrix-${Date.now()}` });
}

/** Open311 keys and bearer tokens of both districts. */
export async function buildCredentials(
  app: FastifyInstance,
  p: People,
): Promise<Pick<WorldObjects, 'keys' | 'tokens'>> {
  const admin = p.callers.district_admin.headers;
  const token = async (headers: Headers, ownerId: string) => ({ ...(await newToken(app, headers)), ownerId });
  return {
    keys: { own: await newKey(app, admin), foreign: await newKey(app, p.others.bAdmin) },
    tokens: {
      integration: await token(p.callers.integration.headers, p.person.integration.id),
      dispatcher: await token(p.callers.dispatcher.headers, p.person.dispatcher.id),
      foreign: await token(p.others.bIntegration, p.person.bIntegration.id),
    },
  };
}

/** The body of an inactive sub-category under 05 (市政公用设施): nothing residents can pick, nothing public. */
export function categoryBody(nameZh: string, nameEn: string) {
  return {
    parentCode: '05',
    nameZh,
    nameEn,
    active: false,
    limits: {
      normal: { value: 2, unit: 'day' },
      urgent: { value: 1, unit: 'day' },
      critical: { value: 4, unit: 'hour' },
    },
  };
}
