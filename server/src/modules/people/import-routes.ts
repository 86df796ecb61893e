import type { ImportJobView } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Db, one } from '../../infra/db.ts';
import { AppError, notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan } from '../auth/policy.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { recordReveal } from '../personal-data/commands/record-reveal.ts';
import { RevealBody } from '../personal-data/reveal-body.ts';
import { exportArchive, exportDisposition } from './export.ts';
import { runImportJob } from './import/run-import.ts';
import { templateWorkbook } from './import/workbook.ts';
import { listTags } from './queries.ts';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The largest import file: 100,000 persons fill about 6 MB. */
const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;

/** An uploaded file. Its bytes are not enumerable, so the request-wide text check does not walk them. */
class Upload {
  declare readonly bytes: Buffer;
  constructor(bytes: Buffer) {
    Object.defineProperty(this, 'bytes', { value: bytes, enumerable: false });
  }
}

const Id = Type.Object({ id: RowId() });
const OrgQuery = Type.Object({ org: Type.String({ pattern: '^[0-9]{6,15}$', description: 'an org code' }) });
const ClearExport = Type.Object(
  { org: OrgQuery.properties.org, reason: RevealBody.properties.reason },
  { additionalProperties: false },
);

interface JobRow extends Omit<ImportJobView, 'createdAt' | 'finishedAt'> {
  actorId: string;
  createdAt: Date;
  finishedAt: Date | null;
}

/** A job the caller started (jobs are their importer's own): 404 for anyone else. */
async function loadJob(db: Db, req: FastifyRequest, id: number): Promise<JobRow> {
  const actor = actorOf(req);
  const job = await one<JobRow>(
    db,
    sql`select id, actor_id as "actorId", state, file_name as "fileName", scope_code as "scopeCode",
          total_rows as "totalRows", processed_rows as "processedRows", written_persons as "writtenPersons",
          unchanged_persons as "unchangedPersons", error_rows as "errorRows", report is not null as "hasReport",
          failure, created_at as "createdAt", finished_at as "finishedAt"
        from import_jobs where id = ${id}`,
  );
  if (!job || job.actorId !== actor.userId) throw notFound();
  return job;
}

const presentJob = ({ actorId: _, ...j }: JobRow): ImportJobView => ({
  ...j,
  createdAt: j.createdAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
});

/** The Excel side of the archive: template, background import with progress and error report, export. */
export async function peopleImportRoutes(scope: FastifyInstance, db: Db, cipher: PersonalDataCipher) {
  scope.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) =>
    done(null, new Upload(body as Buffer)),
  );
  const xlsx = (name: string, ascii: string) =>
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

  scope.get(
    '/api/people/import/template.xlsx',
    { schema: { tags: ['people'], summary: 'The import template (.xlsx, Chinese headers, a sample row)' } },
    async (req, reply) => {
      actorOf(req);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', xlsx('人员导入模板.xlsx', 'people-template.xlsx'))
        .send(await templateWorkbook());
    },
  );

  scope.post<{ Querystring: typeof OrgQuery.static }>(
    '/api/people/imports',
    {
      schema: {
        tags: ['people'],
        summary: 'Upload an .xlsx of persons to import under an org node; runs in the background (202)',
        querystring: OrgQuery,
        consumes: [XLSX],
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertCan(actor, 'people.manage', req.query.org);
      if (!(req.body instanceof Upload)) throw new AppError('IMPORT_FILE_INVALID', 415);
      const name = String(req.headers['x-file-name'] ?? 'import.xlsx').slice(0, 200);
      const job = await one<{ id: number }>(
        db,
        sql`insert into import_jobs (actor_id, scope_code, file_name, file)
            values (${actor.userId}, ${req.query.org}, ${decodeURIComponent(name)}, ${req.body.bytes}) returning id`,
      );
      // run now in this process; the sweep picks it up after a restart
      setImmediate(() => {
        runImportJob(db, cipher, job!.id).catch((err) => req.log.error({ err }, 'import job failed'));
      });
      return reply.status(202).send({ data: presentJob(await loadJob(db, req, job!.id)) });
    },
  );

  scope.get<{ Params: typeof Id.static }>(
    '/api/people/imports/:id',
    { schema: { tags: ['people'], summary: 'An import job and its progress', params: Id } },
    async (req) => ({
      data: presentJob(await loadJob(db, req, req.params.id)),
    }),
  );

  scope.get<{ Params: typeof Id.static }>(
    '/api/people/imports/:id/report.xlsx',
    {
      schema: {
        tags: ['people'],
        summary: 'The error report of an import (.xlsx, the reason beside each refused row)',
        params: Id,
      },
    },
    async (req, reply) => {
      const job = await loadJob(db, req, req.params.id);
      const found = await one<{ report: Buffer | null }>(
        db,
        sql`select report from import_jobs where id = ${job.id}`,
      );
      if (!found?.report) throw notFound();
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', xlsx(`导入错误报告-${job.id}.xlsx`, `import-errors-${job.id}.xlsx`))
        .send(Buffer.from(found.report));
    },
  );

  scope.get<{ Querystring: typeof OrgQuery.static }>(
    '/api/people/export.xlsx',
    {
      schema: {
        tags: ['people'],
        summary: "Export an org node's archive (.xlsx), names, ID numbers and phones masked",
        querystring: OrgQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertCan(actor, 'people.read', req.query.org);
      const { bytes } = await exportArchive(db, cipher, actor, req.query.org, await listTags(db), false);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', exportDisposition(req.query.org))
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );

  scope.post<{ Body: typeof ClearExport.static }>(
    '/api/people/export.xlsx',
    {
      schema: {
        tags: ['people', 'personal data'],
        summary: "Export an org node's archive in clear, with a reason (audited)",
        body: ClearExport,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertCan(actor, 'people.read', req.body.org);
      assertCan(actor, 'personal.reveal', req.body.org);
      const { bytes, count } = await exportArchive(db, cipher, actor, req.body.org, await listTags(db), true);
      await recordReveal(db, {
        actorId: actor.userId,
        ip: req.ip,
        entity: 'org',
        entityId: req.body.org,
        scopeCode: req.body.org,
        subject: `persons:${count}`,
        fields: ['name', 'idNumber', 'phone'],
        reason: req.body.reason.trim(),
        via: 'scope',
      });
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', exportDisposition(req.body.org))
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );
}
