import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertCan, districtWideCode, scopesFor } from '../auth/policy.ts';
import { findNodeByCode } from '../org/queries.ts';
import { addKind } from './commands/add-kind.ts';
import { deleteEntry } from './commands/delete-entry.ts';
import { saveEntry } from './commands/save-entry.ts';
import { presentPublicEntry } from './present-public.ts';
import { districtAt, type EntryRow, findEntry, kindsOf, listManaged, listNear } from './queries.ts';
import { EntryBody, IdParams, KindBody, ManagedQuery, NearQuery } from './schemas.ts';

const tags = ['directory'];

/** What staff managing the directory see of an entry: the public fields plus its community's code. */
const presentEntry = (e: EntryRow) => ({
  ...presentPublicEntry(e),
  orgCode: e.orgCode,
  updatedAt: e.updatedAt,
});

/** The 便民 directory (docs/directory.md): community staff manage entries, residents find them nearby. */
export function directoryRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Querystring: typeof NearQuery.static }>(
    '/api/public/directory',
    {
      schema: {
        tags,
        summary:
          '便民 services near a point, nearest first, by kind and word (anyone, rate-limited; public data)',
        querystring: NearQuery,
      },
    },
    async (req) => {
      const { lng, lat, radius = 5000, kind, q, limit = 50 } = req.query;
      const district = await districtAt(db, lng, lat);
      const [found, kinds] = await Promise.all([
        listNear(db, { lng, lat, radiusM: radius, kind, q, limit }),
        district ? kindsOf(db, district) : kindsOf(db, '000000'),
      ]);
      return { data: found.map(presentPublicEntry), kinds };
    },
  );

  app.get<{ Querystring: typeof ManagedQuery.static }>(
    '/api/directory',
    {
      schema: {
        tags,
        summary: 'The entries of the communities the caller manages',
        querystring: ManagedQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'directory.manage');
      const { org, kind, q, limit = 100, offset = 0 } = req.query;
      if (org) assertCan(actor, 'directory.manage', org);
      return { data: (await listManaged(db, actor, { org, kind, q, limit, offset })).map(presentEntry) };
    },
  );

  app.get(
    '/api/directory/kinds',
    { schema: { tags, summary: 'The kinds of entry of the caller’s district (built in and added)' } },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'directory.manage');
      return { data: await kindsOf(db, scopesFor(actor, 'directory.manage')[0]!.slice(0, 6)) };
    },
  );

  app.post<{ Body: typeof KindBody.static }>(
    '/api/directory/kinds',
    { schema: { tags, summary: 'Add a kind of entry to the district (district staff)', body: KindBody } },
    async (req, reply) => {
      const district = districtWideCode(actorOf(req), 'directory.manage');
      await addKind(db, district, req.body);
      reply.code(201);
      return { data: await kindsOf(db, district) };
    },
  );

  /** 404 unless the code is a current community (an entry belongs to one). */
  const assertCommunity = async (code: string) => {
    if ((await findNodeByCode(db, code))?.level !== 'community') throw notFound();
  };

  app.post<{ Body: typeof EntryBody.static }>(
    '/api/directory',
    { schema: { tags, summary: 'Add an entry to a community’s directory', body: EntryBody } },
    async (req, reply) => {
      const actor = actorOf(req);
      assertCan(actor, 'directory.manage', req.body.orgCode);
      await assertCommunity(req.body.orgCode);
      const id = await saveEntry(db, actor, null, req.body, req.ip);
      reply.code(201);
      return { data: presentEntry((await findEntry(db, id))!) };
    },
  );

  app.put<{ Params: typeof IdParams.static; Body: typeof EntryBody.static }>(
    '/api/directory/:id',
    {
      schema: {
        tags,
        summary: 'Replace an entry (it may move to another community the caller manages)',
        params: IdParams,
        body: EntryBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const e = await findEntry(db, req.params.id);
      if (!e) throw notFound();
      assertCan(actor, 'directory.manage', e.orgCode);
      assertCan(actor, 'directory.manage', req.body.orgCode);
      await assertCommunity(req.body.orgCode);
      await saveEntry(db, actor, e.id, req.body, req.ip);
      return { data: presentEntry((await findEntry(db, e.id))!) };
    },
  );

  app.delete<{ Params: typeof IdParams.static }>(
    '/api/directory/:id',
    { schema: { tags, summary: 'Remove an entry', params: IdParams } },
    async (req, reply) => {
      const actor = actorOf(req);
      const e = await findEntry(db, req.params.id);
      if (!e) throw notFound();
      assertCan(actor, 'directory.manage', e.orgCode);
      await deleteEntry(db, actor, e, req.ip);
      return reply.code(204).send();
    },
  );
}
