import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan, can } from '../auth/policy.ts';
import { loadCalendar } from '../calendar/load-calendar.ts';
import { districtDay } from '../case-reports/period.ts';
import { evaluateWeek } from '../scores/commands/evaluate-week.ts';
import { addDays, mondayOf } from '../scores/weeks.ts';
import { issueBulletin } from './commands/issue-bulletin.ts';
import { findBulletinById, listBulletins } from './queries.ts';
import { BULLETIN_KINDS, type BulletinKind, previousWorkday } from './schedule.ts';
import { bulletinWorkbook } from './xlsx.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Kind = Type.Union(BULLETIN_KINDS.map((k) => Type.Literal(k)));
const Code = Type.String({ pattern: '^[0-9]{6}([0-9]{3})?$' });
const Id = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

/** The period a bulletin of a kind issued today covers (the schedule's rule, for issuing by hand). */
async function periodNow(db: Db, kind: BulletinKind, now: Date): Promise<{ from: string; to: string }> {
  const today = districtDay(now);
  if (kind === 'weekly') {
    const monday = mondayOf(today);
    return { from: addDays(monday, -7), to: addDays(monday, -1) };
  }
  if (kind === 'monthly') {
    const last = addDays(`${today.slice(0, 8)}01`, -1);
    return { from: `${last.slice(0, 8)}01`, to: last };
  }
  const calendar = await loadCalendar(db);
  return { from: previousWorkday(today, (d) => calendar.isWorkday(d)), to: addDays(today, -1) };
}

/** Bulletins (通报): the archive, one bulletin, its .xlsx, and issuing one by hand. */
export function bulletinRoutes(app: FastifyInstance, db: Db): void {
  const ListQuery = Type.Object({
    org: Type.Optional(Code),
    kind: Type.Optional(Kind),
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  });
  app.get<{ Querystring: typeof ListQuery.static }>(
    '/api/bulletins',
    {
      schema: {
        tags: ['bulletins'],
        summary: 'Bulletins of the caller’s areas, newest first',
        querystring: ListQuery,
      },
    },
    async (req) => {
      const { org, kind, before, limit = 50 } = req.query;
      return { data: await listBulletins(db, actorOf(req), { org, kind, before, limit }) };
    },
  );

  const load = async (req: { params: { id: number } } & Parameters<typeof actorOf>[0]) => {
    const b = await findBulletinById(db, req.params.id);
    if (!b || !can(actorOf(req), 'case.read', b.orgCode)) throw notFound();
    return b;
  };

  app.get<{ Params: typeof Id.static }>(
    '/api/bulletins/:id',
    { schema: { tags: ['bulletins'], summary: 'One bulletin with its frozen figures', params: Id } },
    async (req) => ({ data: await load(req) }),
  );

  app.get<{ Params: typeof Id.static }>(
    '/api/bulletins/:id/export.xlsx',
    { schema: { tags: ['bulletins'], summary: 'A bulletin as .xlsx', params: Id } },
    async (req, reply) => {
      const b = await load(req);
      const name = `通报-${b.number}.xlsx`;
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="bulletin-${b.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(await bulletinWorkbook(b));
    },
  );

  const IssueBody = Type.Object({ org: Code, kind: Kind });
  app.post<{ Body: typeof IssueBody.static }>(
    '/api/bulletins',
    {
      schema: {
        tags: ['bulletins'],
        summary: 'Issue the bulletin of a kind that is due today now (once: a second call returns the first)',
        body: IssueBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertCan(actor, 'org.manage', req.body.org);
      const now = new Date();
      const period = await periodNow(db, req.body.kind, now);
      // a weekly bulletin prints the week's evaluation: make it first (once, like the sweep does)
      if (req.body.kind === 'weekly') await evaluateWeek(db, req.body.org.slice(0, 6), period.from, now);
      const r = await issueBulletin(db, { org: req.body.org, kind: req.body.kind, ...period }, now);
      return reply.code(r.created ? 201 : 200).send({ data: r });
    },
  );
}
