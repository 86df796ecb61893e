import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { invalid } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { districtDay } from '../case-reports/period.ts';
import { assertReadsRectifications } from '../inspections/inspection-access.ts';
import { readFieldsAndFiles, withStoredPhotos } from '../inspections/routes.ts';
import { Day, literals } from '../inspections/schemas.ts';
import { photoStore } from '../photos/photo-store.ts';
import { addBulletinItem } from './commands/add-bulletin-item.ts';
import { recheckRectification } from './commands/recheck.ts';
import { rectificationWorkbook } from './export.ts';
import { findRectification, listRectifications } from './queries.ts';

const Id = Type.Object({ id: RowId() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Filters = {
  inspectionId: Type.Optional(RowId()),
  org: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })),
  unitId: Type.Optional(RowId()),
  state: Type.Optional(literals(['active', 'overdue', 'struck_off', 'all'] as const)),
};
const ListQuery = Type.Object({
  ...Filters,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  /** the last row of the previous page: `<deadline>_<id>` */
  after: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{1,10}$' })),
});
const ExportQuery = Type.Object(Filters);
const BulletinBody = Type.Object(
  {
    orgCode: Type.String({ pattern: '^[0-9]{9,15}$' }),
    originRef: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.String({ minLength: 1, maxLength: 1000 }),
    categoryCode: Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}$' }),
    unitId: Type.Optional(Type.Union([RowId(), Type.Null()])),
    deadlineOn: Day,
  },
  { additionalProperties: false },
);

const filtersOf = (q: typeof ExportQuery.static) => ({
  inspectionId: q.inspectionId,
  orgCode: q.org,
  unitId: q.unitId,
  state: q.state,
});

/** The rectification list (整改清单): read, export, enter a higher-level bulletin's item, re-check (复查). */
export function rectificationRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const dir = photoStore(config);

  app.get<{ Querystring: typeof ListQuery.static }>(
    '/api/rectifications',
    {
      schema: {
        tags: ['inspections'],
        summary: 'The rectification list: by inspection, area, unit, state; earliest deadline first',
        querystring: ListQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertReadsRectifications(actor);
      const [day, id] = req.query.after?.split('_') ?? [];
      const limit = req.query.limit ?? 50;
      const page = await listRectifications(db, actor, filtersOf(req.query), {
        limit,
        after: day && id ? { deadlineOn: day, id: Number(id) } : null,
      });
      const last = page.data.at(-1);
      const nextCursor = last && page.data.length === limit ? `${last.deadlineOn}_${last.id}` : null;
      return { data: page.data, total: page.total, nextCursor };
    },
  );

  app.get<{ Querystring: typeof ExportQuery.static }>(
    '/api/rectifications/export.xlsx',
    {
      schema: {
        tags: ['inspections'],
        summary: 'The filtered rectification list as .xlsx',
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertReadsRectifications(actor);
      const file = await rectificationWorkbook(db, actor, filtersOf(req.query));
      const day = districtDay(new Date()).replaceAll('-', '');
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="rectifications-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`整改清单-${day}.xlsx`)}`,
        )
        .header('cache-control', 'no-store')
        .send(file);
    },
  );

  app.post<{ Body: typeof BulletinBody.static }>(
    '/api/rectifications',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Enter an item of a higher-level bulletin (市/省 通报) by hand',
        body: BulletinBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { id } = await addBulletinItem(db, actor, req.body);
      return reply.status(201).send({ data: await findRectification(db, actor, id) });
    },
  );

  app.post<{ Params: typeof Id.static }>(
    '/api/rectifications/:id/recheck',
    {
      schema: {
        tags: ['inspections'],
        summary:
          'Record a re-check (复查) with photos (multipart: passed, note, files "photos"); a pass strikes the row off',
        params: Id,
        body: {
          content: {
            'multipart/form-data': { schema: { description: 'passed (true|false), note, files photos' } },
          },
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { fields, files } = await readFieldsAndFiles(req);
      const passed =
        fields.passed === true || fields.passed === 'true'
          ? true
          : fields.passed === false || fields.passed === 'false'
            ? false
            : null;
      if (passed === null)
        throw invalid([
          { field: 'body/passed', message: { zh: '须为 true 或 false', en: 'must be true or false' } },
        ]);
      const note =
        typeof fields.note === 'string' && fields.note.trim() ? fields.note.trim().slice(0, 1000) : null;
      return withStoredPhotos(dir, files, async (photos) => {
        await recheckRectification(db, actor, { id: req.params.id, passed, note, photos });
        return { data: await findRectification(db, actor, req.params.id) };
      });
    },
  );
}
