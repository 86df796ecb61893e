import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertDistrictWide, districtWideCode } from '../auth/policy.ts';
import { findNodeByCode } from '../org/queries.ts';
import { cipherFromConfig } from '../personal-data/cipher.ts';
import { type PhotoStore, photoStore } from '../photos/photo-store.ts';
import { readMultipart } from '../photos/read-uploads.ts';
import { discardPhotos, type StoredPhoto, storePhotos } from '../photos/store-photo.ts';
import { findChecklist, listPointTypes } from './checklist-queries.ts';
import { planInspection } from './commands/plan-inspection.ts';
import { recordAnswers } from './commands/record-answers.ts';
import { saveChecklist } from './commands/save-checklist.ts';
import { savePoint } from './commands/save-point.ts';
import { submitInspection } from './commands/submit-inspection.ts';
import { pointTypeRoutes } from './point-type-routes.ts';
import { findPointDistrict, inspectionView, listInspections, listPoints } from './queries.ts';
import { AnswersBody, ChecklistBody, Day, PlanBody, PointBody, parseAnswers } from './schemas.ts';

const Id = Type.Object({ id: RowId() });
const StopParams = Type.Object({ id: RowId(), stopId: RowId() });
const PHOTO_FIELD = /^photo-([0-9]{1,10})$/;

/** Runs `work` with the request's photos stored, removing them again when it fails. */
export async function withStoredPhotos<T>(
  dir: PhotoStore,
  files: Buffer[],
  work: (stored: StoredPhoto[]) => Promise<T>,
): Promise<T> {
  const stored = await storePhotos(dir, files);
  try {
    return await work(stored);
  } catch (err) {
    await discardPhotos(
      dir,
      stored.map((p) => p.id),
    );
    throw err;
  }
}

/** The text fields and files (with their field names) of a multipart request, or the JSON body. */
export async function readFieldsAndFiles(req: FastifyRequest) {
  if (!req.isMultipart()) {
    return {
      fields: (req.body ?? {}) as Record<string, unknown>,
      files: [] as Buffer[],
      names: [] as string[],
    };
  }
  const up = await readMultipart(req);
  return { fields: up.fields as Record<string, unknown>, files: up.files, names: up.fileFields };
}

/** Point types and checklists, inspection points, inspections: plan, walk, answer, submit (docs/supervision.md). */
export function inspectionRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const cipher = cipherFromConfig(config);
  const dir = photoStore(config);
  pointTypeRoutes(app, db);

  app.get(
    '/api/inspection-point-types',
    {
      schema: {
        tags: ['inspections'],
        summary: 'The point types of the 测评体系 with their current checklist version',
      },
    },
    async (req) => {
      assertAnywhere(actorOf(req), 'inspection.read');
      return { data: await listPointTypes(db) };
    },
  );

  const VersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) });
  app.get<{ Params: typeof Id.static; Querystring: typeof VersionQuery.static }>(
    '/api/inspection-point-types/:id/checklist',
    {
      schema: {
        tags: ['inspections'],
        summary: 'A checklist version of a point type (the current one by default)',
        params: Id,
        querystring: VersionQuery,
      },
    },
    async (req) => {
      assertAnywhere(actorOf(req), 'inspection.read');
      const found = await findChecklist(db, req.params.id, req.query.version);
      if (!found) throw notFound();
      return { data: found };
    },
  );

  app.put<{ Params: typeof Id.static; Body: typeof ChecklistBody.static }>(
    '/api/inspection-point-types/:id/checklist',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Save a checklist as a new version (inspections keep theirs)',
        params: Id,
        body: ChecklistBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertDistrictWide(actor, 'inspection.manage');
      const saved = await saveChecklist(db, {
        pointTypeId: req.params.id,
        items: req.body.items,
        actorId: actor.userId,
      });
      return reply.status(201).send({ data: saved });
    },
  );

  app.get(
    '/api/inspection-points',
    { schema: { tags: ['inspections'], summary: 'Inspection points the caller may see' } },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'inspection.read');
      return { data: await listPoints(db, actor) };
    },
  );

  app.post<{ Body: typeof PointBody.static }>(
    '/api/inspection-points',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Create an inspection point in the caller’s district',
        body: PointBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const district = await findNodeByCode(db, districtWideCode(actor, 'inspection.manage'));
      if (!district) throw notFound();
      const point = await savePoint(db, {
        district,
        input: req.body,
        by: { actorId: actor.userId, ip: req.ip },
      });
      return reply.status(201).send({ data: point });
    },
  );

  app.put<{ Params: typeof Id.static; Body: typeof PointBody.static }>(
    '/api/inspection-points/:id',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Change an inspection point of the caller’s district (planned routes keep the point)',
        params: Id,
        body: PointBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const code = districtWideCode(actor, 'inspection.manage');
      const district = await findPointDistrict(db, req.params.id);
      // a point of another district is as good as unknown
      if (!district || district.code !== code) throw notFound();
      const point = await savePoint(db, {
        district,
        id: req.params.id,
        input: req.body,
        by: { actorId: actor.userId, ip: req.ip },
      });
      return { data: point };
    },
  );

  const Range = Type.Object({ from: Day, to: Day, mine: Type.Optional(Type.Boolean()) });
  app.get<{ Querystring: typeof Range.static }>(
    '/api/inspections',
    {
      schema: {
        tags: ['inspections'],
        summary:
          'Inspections planned between two days that the caller sees (暗访 hidden from the inspected until submitted)',
        querystring: Range,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'inspection.read');
      return { data: await listInspections(db, actor, req.query) };
    },
  );

  app.post<{ Body: typeof PlanBody.static }>(
    '/api/inspections',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Plan an inspection (or start one on the spot)',
        body: PlanBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'inspection.run');
      const planned = await planInspection(db, actor, req.body);
      return reply.status(201).send({ data: await inspectionView(db, actor, planned.id) });
    },
  );

  app.get<{ Params: typeof Id.static }>(
    '/api/inspections/:id',
    {
      schema: {
        tags: ['inspections'],
        summary: 'An inspection with its route, checklists and answers',
        params: Id,
      },
    },
    async (req) => ({ data: await inspectionView(db, actorOf(req), req.params.id) }),
  );

  app.post<{ Params: typeof StopParams.static }>(
    '/api/inspections/:id/stops/:stopId/answers',
    {
      schema: {
        tags: ['inspections'],
        summary:
          'Record answers at one stop (JSON, or multipart with `answers` as JSON and files `photo-<itemId>`)',
        params: StopParams,
        body: {
          content: {
            'application/json': { schema: AnswersBody },
            'multipart/form-data': { schema: { description: 'answers (JSON text), files photo-<itemId>' } },
          },
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { fields, files, names } = await readFieldsAndFiles(req);
      const body = parseAnswers(fields);
      return withStoredPhotos(dir, files, async (stored) => {
        const photos = new Map<number, StoredPhoto[]>();
        stored.forEach((p, i) => {
          const itemId = Number(PHOTO_FIELD.exec(names[i] ?? '')?.[1] ?? 0);
          photos.set(itemId, [...(photos.get(itemId) ?? []), p]);
        });
        const inspectionId = req.params.id;
        await recordAnswers(db, actor, {
          inspectionId,
          stopId: req.params.stopId,
          answers: body.answers,
          photos,
        });
        return { data: await inspectionView(db, actor, inspectionId) };
      });
    },
  );

  app.post<{ Params: typeof Id.static }>(
    '/api/inspections/:id/submit',
    {
      schema: {
        tags: ['inspections'],
        summary:
          'Submit: score it, open a case per failed item (or link a nearby open one), fill the rectification list',
        params: Id,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const result = await submitInspection(db, actor, req.params.id, cipher);
      return { data: { ...result, inspection: await inspectionView(db, actor, req.params.id) } };
    },
  );
}
