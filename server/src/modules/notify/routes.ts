import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { AppError, notFound } from '../../infra/errors.ts';
import { OutboundPolicy } from '../../infra/outbound.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertCan } from '../auth/policy.ts';
import { findNodeByCode } from '../org/queries.ts';
import { findUnit } from '../units/queries.ts';
import { createWebhook } from './commands/create-webhook.ts';
import { deleteWebhook } from './commands/delete-webhook.ts';
import { markAllRead } from './commands/mark-all-read.ts';
import { markRead } from './commands/mark-read.ts';
import { LiveHub, type LiveHubOptions } from './live-hub.ts';
import {
  countUnread,
  findWebhook,
  latestNotificationId,
  listDeliveries,
  listNotifications,
  listWebhooks,
  managesWebhook,
} from './queries.ts';

const Id = Type.Object({ id: RowId() });
const Page = {
  before: Type.Optional(RowId({ description: 'cursor: rows with a smaller id' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
};
const InboxQuery = Type.Object({ unread: Type.Optional(Type.Boolean()), ...Page });
const DeliveryQuery = Type.Object(Page);
const NewWebhook = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2000 }),
    format: Type.Union([
      Type.Literal('json'),
      Type.Literal('wecom'),
      Type.Literal('dingtalk'),
      Type.Literal('hotline'),
    ]),
    actions: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z_]{1,40}$' }), { maxItems: 40 })),
    unitId: Type.Optional(RowId()),
    orgCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3}){0,3}$' })),
    secret: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** Notifications: inbox, live SSE stream, webhooks. Returns the live hub (tests watch its open streams). */
export function notifyRoutes(
  app: FastifyInstance,
  db: Db,
  config: Pick<Config, 'webhookAllowHosts'>,
  live: LiveHubOptions = {},
): LiveHub {
  const outbound = new OutboundPolicy(config.webhookAllowHosts);
  const hub = new LiveHub(db, {
    onError: (err) => app.log.error({ err }, 'notification poll failed'),
    ...live,
  });
  app.addHook('preClose', async () => hub.close());

  app.get(
    '/api/notifications/stream',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Live notifications (text/event-stream); send Last-Event-ID to resume after a notification',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const raw = req.headers['last-event-id'];
      const start =
        typeof raw === 'string' && /^[0-9]{1,10}$/.test(raw)
          ? Math.min(Number(raw), 2_147_483_647)
          : await latestNotificationId(db, actor.userId);
      reply.hijack();
      const res = reply.raw;
      // a stream the client has just dropped may still get one write before its close event arrives
      const write = (text: string) => {
        if (!res.destroyed && !res.writableEnded) res.write(text);
      };
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx would otherwise buffer the stream
        'x-accel-buffering': 'no',
      });
      write('retry: 3000\n: connected\n\n');
      const remove = hub.add({
        userId: actor.userId,
        lastId: start,
        send: (n) => write(`id: ${n.id}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`),
        heartbeat: () => write(': heartbeat\n\n'),
        end: () => res.end(),
      });
      // the response's close is the connection's end; the request's close fires once its (empty) body is read
      res.on('close', remove);
    },
  );

  app.get<{ Querystring: typeof InboxQuery.static }>(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'The caller’s notifications, newest first',
        querystring: InboxQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { unread, before, limit = 30 } = req.query;
      const page = await listNotifications(db, actor.userId, { unread, before, limit });
      return { ...page, unreadCount: await countUnread(db, actor.userId) };
    },
  );

  app.post<{ Params: typeof Id.static }>(
    '/api/notifications/:id/read',
    {
      schema: { tags: ['notifications'], summary: 'Mark one of the caller’s notifications read', params: Id },
    },
    async (req) => {
      const actor = actorOf(req);
      const n = await markRead(db, actor.userId, req.params.id);
      if (!n) throw notFound();
      return { data: n };
    },
  );

  app.post(
    '/api/notifications/read-all',
    { schema: { tags: ['notifications'], summary: 'Mark all of the caller’s notifications read' } },
    async (req) => {
      const actor = actorOf(req);
      return { data: { updated: await markAllRead(db, actor.userId) } };
    },
  );

  app.post<{ Body: typeof NewWebhook.static }>(
    '/api/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary:
          'Register a webhook: for a unit’s or an area’s cases (administrators), or a personal WeCom/DingTalk robot (staff)',
        body: NewWebhook,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { unitId, orgCode } = req.body;
      if (unitId !== undefined && orgCode !== undefined) {
        throw new AppError('VALIDATION_FAILED', 400, [
          { field: '/body', message: 'give unitId or orgCode, not both' },
        ]);
      }
      if (orgCode !== undefined) {
        if (!(await findNodeByCode(db, orgCode))) throw notFound();
        assertCan(actor, 'org.manage', orgCode);
      }
      if (unitId !== undefined) {
        const unit = await findUnit(db, unitId);
        if (!unit) throw notFound();
        assertCan(actor, 'org.manage', unit.districtCode);
      }
      if (unitId === undefined && orgCode === undefined) {
        // a personal hook carries the caller's own notifications to their own chat robot, nothing else
        assertAnywhere(actor, 'webhook.personal');
        if (req.body.format === 'json')
          throw new AppError('WEBHOOK_ROBOT_ONLY', 400, [{ field: 'body/format' }]);
      }
      const { webhook, secret } = await createWebhook(db, req.body, {
        actorId: actor.userId,
        ip: req.ip,
        outbound,
      });
      return reply.status(201).send({ data: { ...webhook, secret } });
    },
  );

  app.get(
    '/api/webhooks',
    { schema: { tags: ['webhooks'], summary: 'Webhooks the caller manages' } },
    async (req) => ({ data: await listWebhooks(db, actorOf(req)) }),
  );

  app.delete<{ Params: typeof Id.static }>(
    '/api/webhooks/:id',
    { schema: { tags: ['webhooks'], summary: 'Remove a webhook', params: Id } },
    async (req, reply) => {
      const actor = actorOf(req);
      const w = await findWebhook(db, req.params.id);
      if (!w || !managesWebhook(actor, w)) throw notFound();
      await deleteWebhook(db, w, { actorId: actor.userId, ip: req.ip });
      return reply.status(204).send();
    },
  );

  app.get<{ Params: typeof Id.static; Querystring: typeof DeliveryQuery.static }>(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'A webhook’s delivery attempts, newest first',
        params: Id,
        querystring: DeliveryQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const w = await findWebhook(db, req.params.id);
      if (!w || !managesWebhook(actor, w)) throw notFound();
      const { before, limit = 30 } = req.query;
      return listDeliveries(db, w.id, { before, limit });
    },
  );
  return hub;
}
