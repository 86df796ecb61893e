import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertListArea, can } from '../auth/policy.ts';
import { latestCaseEventId } from './queries.ts';
import { ScreenHub, type ScreenHubOptions } from './screen-hub.ts';

const StreamQuery = Type.Object({
  org: Type.Optional(
    Type.String({
      pattern: '^[0-9]{6,15}$',
      description: 'only cases under this org code (the screen’s area)',
    }),
  ),
});

/**
 * How far back a reconnecting screen may resume (in case events). A screen that was away longer reloads its
 * points anyway; a resume from event 0 on a big database would otherwise replay years of history.
 */
export const RESUME_WINDOW = 2_000;

/** The big screen (大屏): its live stream of case points. Returns the hub (tests watch its open streams). */
export function screenRoutes(app: FastifyInstance, db: Db, live: ScreenHubOptions = {}): ScreenHub {
  const hub = new ScreenHub(db, {
    onError: (err) => app.log.error({ err }, 'screen poll failed'),
    ...live,
  });
  app.addHook('preClose', async () => hub.close());

  app.get<{ Querystring: typeof StreamQuery.static }>(
    '/api/screen/stream',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Live case points for the big screen (text/event-stream): new and changed cases the caller reads as staff, as the dashboard map shows them; send Last-Event-ID to resume',
        querystring: StreamQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const org = req.query.org;
      // the dashboard's gate: reading cases as staff somewhere, and at the screen's area when one is named
      assertListArea(actor, 'case.read', org);
      const latest = await latestCaseEventId(db);
      const raw = req.headers['last-event-id'];
      const asked = typeof raw === 'string' && /^[0-9]{1,10}$/.test(raw) ? Number(raw) : latest;
      const start = Math.min(latest, Math.max(asked, latest - RESUME_WINDOW));
      reply.hijack();
      const res = reply.raw;
      const write = (text: string) => {
        if (!res.destroyed && !res.writableEnded) res.write(text);
      };
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      write('retry: 3000\n: connected\n\n');
      const remove = hub.add({
        lastId: start,
        // the shared policy decides, case by case, as it does for the dashboard map's points
        sees: (code) => can(actor, 'case.read', code) && (!org || code.startsWith(org)),
        send: (id, point) => write(`id: ${id}\nevent: case\ndata: ${JSON.stringify(point)}\n\n`),
        heartbeat: () => write(': heartbeat\n\n'),
        end: () => res.end(),
      });
      res.on('close', remove);
    },
  );
  return hub;
}
