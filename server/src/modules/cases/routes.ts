import { CASE_TRANSITIONS, type CaseAction } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { AppError, invalid, notFound } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { findCategory } from '../categories/queries.ts';
import { cipherFromConfig } from '../personal-data/cipher.ts';
import { readMultipart } from '../photos/read-uploads.ts';
import { discardPhotos, photoDir, type StoredPhoto, storePhotos } from '../photos/store-photo.ts';
import { ActionBody, type ActionBodyT, type ActionPhotos, runAction } from './action-handlers.ts';
import { type Holds, holdsOn, loadHeld } from './case-access.ts';
import { type CaseRow, findCase, findCaseByTrackingCode } from './case-row.ts';
import { type ReportInput, reportCase } from './commands/report-case.ts';
import { findDuplicates } from './duplicates.ts';
import { presentCase, refinedAbilities } from './present-case.ts';
import { presentPublicCase } from './present-public-case.ts';
import { parseReportFields, ReportBody } from './report-body.ts';
import { reporterRoutes } from './reporter-routes.ts';

const ACTIONS = CASE_TRANSITIONS.map((t) => t.action) as CaseAction[];
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const ActionParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  action: Type.Union(ACTIONS.map((a) => Type.Literal(a))),
});
const TrackParams = Type.Object({ code: Type.String({ pattern: '^[A-Za-z0-9-]{6,20}$' }) });

/** Reads a JSON or multipart request body into the fields and the named file groups it carries. */
async function readBody(
  req: FastifyRequest,
): Promise<{ fields: Record<string, unknown>; files: Record<string, Buffer[]> }> {
  if (!req.isMultipart()) return { fields: (req.body ?? {}) as Record<string, unknown>, files: {} };
  const upload = await readMultipart(req);
  const files: Record<string, Buffer[]> = {};
  upload.files.forEach((data, i) => {
    const field = upload.fileFields[i] ?? 'photos';
    files[field] = [...(files[field] ?? []), data];
  });
  return { fields: upload.fields, files };
}

/** Cases: intake from every source, the case page with its abilities, and the workflow transitions. */
export function caseRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const cipher = cipherFromConfig(config);
  const dir = photoDir(config);
  reporterRoutes(app, db, cipher);

  /**
   * The case as this caller may see it, with their abilities: a reporter without a staff role gets the
   * tracking page's view (no internal notes, no names), everyone else the full case page.
   */
  const present = async (c: CaseRow, holds: Holds) => ({
    data: holds.every((h) => h.via === 'reporter')
      ? { id: c.id, ...(await presentPublicCase(db, c)) }
      : await presentCase(db, c, holds, cipher),
    abilities: await refinedAbilities(db, c, holds),
  });

  app.post(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Report a problem (JSON, or multipart/form-data with photos); Idempotency-Key makes retries safe',
        body: {
          content: {
            'application/json': { schema: ReportBody },
            // validated after reading the parts (parseReportFields); the schema here only documents them
            'multipart/form-data': {
              schema: { description: 'the same fields as text, lat/lng, files "photos"' },
            },
          },
        },
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
        }),
      },
    },
    async (req, reply) => {
      const actor = req.actorOrNull;
      const { fields, files } = await readBody(req);
      const body = parseReportFields(fields);
      const input: ReportInput = {
        ...body,
        idempotencyKey: (req.headers['idempotency-key'] as string | undefined) ?? null,
        idempotencyScope: actor ? `user:${actor.userId}` : 'public',
      };
      const stored = await storePhotos(dir, Object.values(files).flat());
      try {
        const result = await reportCase(db, actor, input, stored, cipher);
        if (result.replayed)
          await discardPhotos(
            dir,
            stored.map((p) => p.id),
          );
        return reply.status(result.replayed ? 200 : 201).send({ data: result });
      } catch (err) {
        await discardPhotos(
          dir,
          stored.map((p) => p.id),
        );
        throw err;
      }
    },
  );

  const DupQuery = Type.Object({
    category: Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}$' }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
  });
  app.get<{ Querystring: typeof DupQuery.static }>(
    '/api/cases/duplicates',
    {
      schema: {
        tags: ['cases'],
        summary: 'Open cases of a category near a point (before submitting)',
        querystring: DupQuery,
      },
    },
    async (req) => {
      const { category, lat, lng } = req.query;
      const list = await findDuplicates(db, {
        categoryCode: category,
        lat,
        lng,
        radiusM: await radiusOf(db, category),
      });
      return { data: list };
    },
  );

  app.get<{ Params: typeof IdParams.static }>(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case with timeline, photos and the transitions open to the caller',
        params: IdParams,
      },
    },
    async (req) => {
      const { c, holds } = await loadHeld(db, actorOf(req), req.params.id);
      return present(c, holds);
    },
  );

  app.post<{ Params: typeof ActionParams.static }>(
    '/api/cases/:id/actions/:action',
    {
      schema: {
        tags: ['cases'],
        summary: 'Fire one transition (JSON, or multipart with photos for feedback, checks and 立行立改)',
        params: ActionParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { c, holds } = await loadHeld(db, actor, req.params.id);
      const { fields, files } = await readBody(req);
      const body = validateActionBody(fields);
      const stored = await storeGroups(dir, files);
      try {
        await runAction(db, c, { actor, holds }, req.params.action, body, stored);
      } catch (err) {
        await discardPhotos(
          dir,
          Object.values(stored)
            .flat()
            .map((p) => p.id),
        );
        throw err;
      }
      const fresh = (await findCase(db, c.id))!;
      const freshHolds = await holdsOn(db, actor, fresh);
      // a unit that returned a case no longer holds it: it learns only the new state
      if (!freshHolds.length) return { data: { id: fresh.id, state: fresh.state }, abilities: [] };
      return present(fresh, freshHolds);
    },
  );

  app.post<{ Params: typeof IdParams.static }>(
    '/api/cases/:id/follow',
    {
      schema: {
        tags: ['cases'],
        summary: 'Follow a case (a resident may follow a nearby duplicate instead of reporting)',
        params: IdParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const c = await findCase(db, req.params.id);
      if (!c || c.state === 'rejected') throw notFound();
      await db.execute(
        sql`insert into case_followers (case_id, user_id) values (${c.id}, ${actor.userId}) on conflict do nothing`,
      );
      return { data: { followed: true, trackingCode: c.trackingCode } };
    },
  );

  app.get<{ Params: typeof TrackParams.static }>(
    '/api/track/:code',
    {
      schema: { tags: ['cases'], summary: 'Public progress of a case by tracking code', params: TrackParams },
    },
    async (req) => {
      const c = await findCaseByTrackingCode(db, req.params.code);
      if (!c) throw notFound();
      const abilities = await refinedAbilities(db, c, [{ role: 'resident', via: 'reporter' }]);
      return { data: await presentPublicCase(db, c), abilities };
    },
  );

  const TrackAction = Type.Object({
    code: TrackParams.properties.code,
    action: Type.Union([Type.Literal('rate'), Type.Literal('reopen')]),
  });
  app.post<{ Params: typeof TrackAction.static; Body: ActionBodyT }>(
    '/api/track/:code/:action',
    {
      schema: {
        tags: ['cases'],
        summary: 'Rate or send back a closed case with its tracking code',
        params: TrackAction,
        body: ActionBody,
      },
    },
    async (req) => {
      const c = await findCaseByTrackingCode(db, req.params.code);
      if (!c) throw notFound();
      // whoever holds the tracking code speaks for the reporter, as on a FixMyStreet report link
      const holds = [{ role: 'resident' as const, via: 'reporter' as const }];
      await runAction(db, c, { actor: req.actorOrNull, holds }, req.params.action, req.body, {
        photos: [],
        before: [],
        after: [],
      });
      const fresh = (await findCase(db, c.id))!;
      return {
        data: await presentPublicCase(db, fresh),
        abilities: await refinedAbilities(db, fresh, holds),
      };
    },
  );
}

async function radiusOf(db: Db, code: string): Promise<number> {
  const category = await findCategory(db, code);
  if (!category) throw new AppError('CATEGORY_UNKNOWN', 400);
  return category.duplicateRadiusM;
}

const actionBodyCheck = TypeCompiler.Compile(ActionBody);

/** Validates a transition body that may have come as multipart text fields. */
function validateActionBody(fields: Record<string, unknown>): ActionBodyT {
  const coerced: Record<string, unknown> = { ...fields };
  for (const k of ['unitId', 'masterId']) if (typeof coerced[k] === 'string') coerced[k] = Number(coerced[k]);
  if (typeof coerced.unitIds === 'string') coerced.unitIds = String(coerced.unitIds).split(',').map(Number);
  if (!actionBodyCheck.Check(coerced)) {
    throw invalid(
      [...actionBodyCheck.Errors(coerced)].map((e) => ({ field: `body${e.path}`, message: e.message })),
    );
  }
  return coerced as ActionBodyT;
}

async function storeGroups(dir: string, files: Record<string, Buffer[]>): Promise<ActionPhotos> {
  const out: ActionPhotos = { photos: [], before: [], after: [] };
  for (const key of ['photos', 'before', 'after'] as const) {
    const stored: StoredPhoto[] = await storePhotos(dir, files[key] ?? []);
    out[key] = stored;
  }
  return out;
}
