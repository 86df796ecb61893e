import { CASE_TRANSITIONS, type CaseAction } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { AppError, invalid } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { typeboxProblems } from '../../infra/validation-messages.ts';
import { actorOf } from '../auth/plugin.ts';
import { findCategory } from '../categories/queries.ts';
import { placeAtBuilding } from '../door-plates/plate-report.ts';
import { FollowHandles } from '../follows/handles.ts';
import { cipherFromConfig } from '../personal-data/cipher.ts';
import { type PhotoStore, photoStore } from '../photos/photo-store.ts';
import { readMultipart } from '../photos/read-uploads.ts';
import { discardPhotos, type StoredPhoto, storePhotos } from '../photos/store-photo.ts';
import { ActionBody, type ActionBodyT, type ActionPhotos, runAction } from './action-handlers.ts';
import { type Holds, holdsOn, loadHeld } from './case-access.ts';
import { type CaseRow, findCase } from './case-row.ts';
import { type ReportInput, reportCase } from './commands/report-case.ts';
import { findDuplicates } from './duplicates.ts';
import { internalSourceScopes } from './internal-sources.ts';
import { presentCase, refinedAbilities } from './present-case.ts';
import { presentSuggestions } from './present-duplicates.ts';
import { requirePublicCase } from './present-public-case.ts';
import { parseReportFields, ReportBody } from './report-body.ts';
import { reporterRoutes } from './reporter-routes.ts';
import { withoutTrackingCodes } from './tracking-code.ts';

const ACTIONS = CASE_TRANSITIONS.map((t) => t.action) as CaseAction[];
const IdParams = Type.Object({ id: RowId() });
const ActionParams = Type.Object({
  id: RowId(),
  action: Type.Union(ACTIONS.map((a) => Type.Literal(a))),
});

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
  const handles = new FollowHandles(config.secretKey);
  const dir = photoStore(config);
  reporterRoutes(app, db, cipher);

  /**
   * The case as this caller may see it, with their abilities: a reporter without a staff role gets the
   * tracking page's view (no internal notes, no names) with their own tracking code, everyone else the full
   * case page, which carries no tracking code: staff know a case by its number (the id).
   */
  const present = async (c: CaseRow, holds: Holds) => ({
    data: holds.every((h) => h.via === 'reporter')
      ? { ...(await requirePublicCase(db, c.id)), trackingCode: c.trackingCode }
      : withoutTrackingCodes(await presentCase(db, c, holds, cipher)),
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
      const body = await placeAtBuilding(db, parseReportFields(fields));
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
        // the reporter's own answer: the only place a tracking code is handed out
        const { id, trackingCode, orgCode, gridId, triage, replayed } = result;
        const duplicates = presentSuggestions(result.duplicates, result.category, handles);
        return reply
          .status(replayed ? 200 : 201)
          .send({ data: { id, trackingCode, orgCode, gridId, triage, replayed, duplicates } });
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
        summary:
          'Open cases of a category near a point (before submitting), each with a handle to follow it; ' +
          'cases from internal sources only within the caller’s own areas',
        querystring: DupQuery,
      },
    },
    async (req) => {
      const { lat, lng } = req.query;
      const category = await findCategory(db, req.query.category);
      if (!category) throw new AppError('CATEGORY_UNKNOWN', 400);
      const list = await findDuplicates(db, {
        categoryCode: category.code,
        lat,
        lng,
        radiusM: category.duplicateRadiusM,
        internalScopes: internalSourceScopes(req.actorOrNull),
      });
      return { data: presentSuggestions(list, category, handles) };
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
}

const actionBodyCheck = TypeCompiler.Compile(ActionBody);

/** Validates a transition body that may have come as multipart text fields. */
function validateActionBody(fields: Record<string, unknown>): ActionBodyT {
  const coerced: Record<string, unknown> = { ...fields };
  for (const k of ['unitId', 'masterId']) if (typeof coerced[k] === 'string') coerced[k] = Number(coerced[k]);
  if (typeof coerced.unitIds === 'string') coerced.unitIds = String(coerced.unitIds).split(',').map(Number);
  // a form field is text: 'true'/'false' become the boolean, anything else stays text and fails the check
  if (coerced.notePublic === 'true' || coerced.notePublic === 'false')
    coerced.notePublic = coerced.notePublic === 'true';
  if (!actionBodyCheck.Check(coerced)) {
    throw invalid(typeboxProblems(actionBodyCheck.Errors(coerced), 'body'));
  }
  return coerced as ActionBodyT;
}

async function storeGroups(dir: PhotoStore, files: Record<string, Buffer[]>): Promise<ActionPhotos> {
  const out: ActionPhotos = { photos: [], before: [], after: [] };
  for (const key of ['photos', 'before', 'after'] as const) {
    const stored: StoredPhoto[] = await storePhotos(dir, files[key] ?? []);
    out[key] = stored;
  }
  return out;
}
