import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, rows } from '../../infra/db.ts';
import { createHousehold } from '../visits/test-fixtures.ts';
import { signedHeaders } from './signing.ts';

/** A tenant with a community office, two elders in grid 1 and a device registered through the API. */
export interface DeviceWorld {
  db: Db;
  tenant: Tenant;
  /** Cookie headers of the community office of community 1 and of community 2 */
  office: Record<string, string>;
  otherOffice: Record<string, string>;
  persons: number[];
  device: { id: number; key: string };
}

/** Registers a device through the API as the given office; answers its id and the key shown once. */
export async function registerTestDevice(
  app: FastifyInstance,
  headers: Record<string, string>,
  body: Record<string, unknown>,
): Promise<{ id: number; key: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/care-devices', headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`register device: ${res.statusCode} ${res.body}`);
  const d = res.json().data;
  return { id: d.id, key: d.key };
}

/** Builds a DeviceWorld: the device is a gate of community 1 with references A1 and A2 for the two elders. */
export async function deviceWorld(app: FastifyInstance): Promise<DeviceWorld> {
  const db = (await testDatabase()).db;
  const tenant = await createTenant(db);
  const [c1, c2] = tenant.communities;
  const staff = await createUserWith(db, 'community_staff', { orgNodeId: c1!.id }, c1!.code);
  const other = await createUserWith(db, 'community_staff', { orgNodeId: c2!.id }, c2!.code);
  const office = { cookie: await loginAs(app, staff) };
  const otherOffice = { cookie: await loginAs(app, other) };
  const h = await createHousehold(db, tenant.grids[0]!.id, {
    building: '2号楼',
    address: '测试路2号楼101室',
    residents: [
      { name: '赵桂兰', birthDate: '1938-03-01' },
      { name: '钱德明', birthDate: '1941-07-12', gender: 'M' },
    ],
  });
  const persons = (
    await rows<{ id: number }>(db, sql`select id from persons where household_id = ${h.id} order by id`)
  ).map((p) => p.id);
  const device = await registerTestDevice(app, office, { kind: 'gate', name: '2号楼门禁', org: c1!.code });
  for (const [i, personId] of persons.entries()) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/care-devices/${device.id}/refs`,
      headers: office,
      payload: { ref: `A${i + 1}`, personId },
    });
    if (res.statusCode !== 201) throw new Error(`ref: ${res.statusCode} ${res.body}`);
  }
  return { db, tenant, office, otherOffice, persons, device };
}

/** Sends a signed device call (a JSON body) the way a device's firmware does. */
export function deviceCall(
  app: FastifyInstance,
  device: { id: number; key: string },
  path: string,
  payload: unknown,
  opts: { now?: Date; nonce?: string; lang?: string } = {},
) {
  const url = `/api/device/v1${path}`;
  const body = JSON.stringify(payload);
  const headers = signedHeaders(device, 'POST', url, body, opts);
  if (opts.lang) headers['accept-language'] = opts.lang;
  return app.inject({ method: 'POST', url, headers, payload: body });
}
