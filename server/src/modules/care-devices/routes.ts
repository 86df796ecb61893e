import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { invalid, notFound } from '../../infra/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan, assertListArea } from '../auth/policy.ts';
import { cipherFromConfig } from '../personal-data/cipher.ts';
import { registerDevice } from './commands/register-device.ts';
import { registerPersonRef } from './commands/register-person-ref.ts';
import { removePersonRef } from './commands/remove-person-ref.ts';
import { retireDevice } from './commands/retire-device.ts';
import { updateDevice } from './commands/update-device.ts';
import { deviceApiRoutes } from './device-routes.ts';
import { checkedBuilding, checkedNode, pointOf } from './placement.ts';
import { communityOf, deviceEvents, findDevice, listDevices, listRefs, personGridCode } from './queries.ts';
import { DeviceBody, DeviceChangeBody, DeviceQuery, IdParams, RefBody, RefParams } from './schemas.ts';

const TAGS = ['care devices'];

/** Care devices: the registry and person references in the console, and the signed device API. */
export function careDeviceRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const cipher = cipherFromConfig(config);
  deviceApiRoutes(app, db, config);

  /** The device of the id, checked against the caller's grants for the action. */
  async function deviceFor(actor: Actor, id: number, action: 'device.read' | 'device.manage') {
    const device = await findDevice(db, id);
    if (!device) throw notFound();
    assertCan(actor, action, device.orgCode);
    return device;
  }

  app.get<{ Querystring: typeof DeviceQuery.static }>(
    '/api/care-devices',
    {
      schema: {
        tags: TAGS,
        summary: 'Devices of the caller’s area with their health (silent ones first); never their keys',
        querystring: DeviceQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertListArea(actor, 'device.read', req.query.org);
      return { data: await listDevices(db, actor, req.query) };
    },
  );

  app.post<{ Body: typeof DeviceBody.static }>(
    '/api/care-devices',
    {
      schema: {
        tags: TAGS,
        summary: 'Register a device in a street, community or grid; its signing key is answered this once',
        body: DeviceBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      const node = await checkedNode(db, actor, b.org);
      const buildingId = await checkedBuilding(db, node.code, b.buildingId ?? null);
      const created = await registerDevice(
        db,
        cipher,
        {
          kind: b.kind,
          name: b.name.trim(),
          orgNode: node,
          buildingId,
          location: b.location?.trim() ?? '',
          point: pointOf(b) ?? null,
          owner: b.owner?.trim() ?? '',
          refGroup: b.refGroup?.trim() || null,
          heartbeatSeconds: b.heartbeatSeconds ?? 300,
        },
        { actorId: actor.userId, ip: req.ip },
      );
      const device = await findDevice(db, created.id);
      return reply.status(201).send({ data: { ...device, key: created.key } });
    },
  );

  app.get<{ Params: typeof IdParams.static }>(
    '/api/care-devices/:id',
    { schema: { tags: TAGS, summary: 'One device with its recent health events', params: IdParams } },
    async (req) => {
      const device = await deviceFor(actorOf(req), req.params.id, 'device.read');
      return { data: { ...device, events: await deviceEvents(db, device.id) } };
    },
  );

  app.patch<{ Params: typeof IdParams.static; Body: typeof DeviceChangeBody.static }>(
    '/api/care-devices/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Change a device’s name, building, place, owner, reference group or heartbeat interval',
        params: IdParams,
        body: DeviceChangeBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const device = await deviceFor(actor, req.params.id, 'device.manage');
      const b = req.body;
      const changes = {
        ...(b.name !== undefined && { name: b.name.trim() }),
        ...(b.buildingId !== undefined && {
          buildingId: await checkedBuilding(db, device.orgCode, b.buildingId),
        }),
        ...(b.location !== undefined && { location: b.location.trim() }),
        ...(pointOf(b) !== undefined && { point: pointOf(b) }),
        ...(b.owner !== undefined && { owner: b.owner.trim() }),
        ...(b.refGroup !== undefined && { refGroup: b.refGroup?.trim() || null }),
        ...(b.heartbeatSeconds !== undefined && { heartbeatSeconds: b.heartbeatSeconds }),
      };
      await updateDevice(db, device, changes, { actorId: actor.userId, ip: req.ip });
      return { data: await findDevice(db, device.id) };
    },
  );

  app.post<{ Params: typeof IdParams.static }>(
    '/api/care-devices/:id/retire',
    {
      schema: { tags: TAGS, summary: 'Retire a device: its key stops working at once', params: IdParams },
    },
    async (req) => {
      const actor = actorOf(req);
      const device = await deviceFor(actor, req.params.id, 'device.manage');
      await retireDevice(db, device, { actorId: actor.userId, ip: req.ip });
      return { data: await findDevice(db, device.id) };
    },
  );

  app.get<{ Params: typeof IdParams.static }>(
    '/api/care-devices/:id/refs',
    {
      schema: {
        tags: TAGS,
        summary: 'The opaque person references the device (or its group) recognises: reference and person id',
        params: IdParams,
      },
    },
    async (req) => {
      const device = await deviceFor(actorOf(req), req.params.id, 'device.manage');
      return { data: await listRefs(db, device) };
    },
  );

  app.post<{ Params: typeof IdParams.static; Body: typeof RefBody.static }>(
    '/api/care-devices/:id/refs',
    {
      schema: {
        tags: TAGS,
        summary:
          'Register an opaque reference for a person of the device’s community (never a name or image)',
        params: IdParams,
        body: RefBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const device = await deviceFor(actor, req.params.id, 'device.manage');
      const grid = await personGridCode(db, req.body.personId);
      if (!grid) throw notFound();
      assertCan(actor, 'people.read', grid);
      if (!grid.startsWith(communityOf(device.orgCode)))
        throw invalid([
          {
            field: '/personId',
            message: {
              zh: '该人员不在设备所属社区',
              en: 'the person does not live in the device’s community',
            },
          },
        ]);
      const ref = await registerPersonRef(db, device, req.body.ref, req.body.personId, {
        actorId: actor.userId,
        ip: req.ip,
      });
      return reply.status(201).send({ data: ref });
    },
  );

  app.delete<{ Params: typeof RefParams.static }>(
    '/api/care-devices/:id/refs/:refId',
    { schema: { tags: TAGS, summary: 'Remove a person reference of the device', params: RefParams } },
    async (req) => {
      const actor = actorOf(req);
      const device = await deviceFor(actor, req.params.id, 'device.manage');
      if (!(await removePersonRef(db, device, req.params.refId, { actorId: actor.userId, ip: req.ip })))
        throw notFound();
      return { data: { id: req.params.refId } };
    },
  );
}
