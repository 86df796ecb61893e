import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import { type Db, one } from '../../infra/db.ts';
import { invalid, notFound } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan } from '../auth/policy.ts';
import { readFieldsAndFiles, withStoredPhotos } from '../inspections/routes.ts';
import { photoStore } from '../photos/photo-store.ts';
import { PRIVATE_CACHE, sendFile } from '../photos/routes.ts';
import { attachEvidence } from './commands/attach-evidence.ts';
import { decideAssessment } from './commands/decide-assessment.ts';
import { reviewAssessment } from './commands/review-assessment.ts';
import { saveAnswers } from './commands/save-answers.ts';
import { submitAssessment } from './commands/submit-assessment.ts';
import { vetoAssessment } from './commands/veto-assessment.ts';
import { fiveStarListRoutes } from './list-routes.ts';
import { assessmentAnswer, loadAssessment, loadBranchYear } from './load.ts';
import { answersOf, historyOf } from './queries.ts';
import {
  AnswersBody,
  BranchParams,
  CommunityCode,
  DecideBody,
  PhotoParams,
  ReviewBody,
  VetoBody,
} from './schemas.ts';

const tags = ['five-star'];
type P = typeof BranchParams.static;

/** Five-star branches (docs/five-star.md): a branch's year, self-assessment, street review, decision, veto. */
export function fiveStarRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const dir = photoStore(config);
  fiveStarListRoutes(app, db);
  const base = '/api/five-star/branches/:code/years/:year';

  app.get<{ Params: P }>(
    base,
    {
      schema: {
        tags,
        summary: 'A branch’s assessment of a year: standard, answers, metrics, history',
        params: BranchParams,
      },
    },
    async (req) => assessmentAnswer(db, actorOf(req), req.params.code, req.params.year),
  );

  app.put<{ Params: P; Body: typeof AnswersBody.static }>(
    `${base}/answers`,
    {
      schema: {
        tags,
        summary: 'Save the community’s self-assessment answers (自评)',
        params: BranchParams,
        body: AnswersBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { code, year } = req.params;
      const { branch, stars } = await loadBranchYear(db, actor, 'fivestar.assess', code, year);
      await saveAnswers(db, branch, year, stars, req.body.answers);
      return assessmentAnswer(db, actor, code, year);
    },
  );

  app.post<{ Params: typeof PhotoParams.static }>(
    `${base}/items/:key/photos`,
    {
      schema: {
        tags,
        summary: 'Attach evidence photos (multipart, up to 9) to an item',
        params: PhotoParams,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { code, year, key } = req.params;
      const { stars, assessment } = await loadAssessment(db, actor, 'fivestar.assess', code, year);
      if (!stars.some((s) => s.items.some((i) => i.key === key))) throw notFound();
      const { files } = await readFieldsAndFiles(req);
      if (!files.length) throw invalid([{ field: '/photo', message: 'no photo' }]);
      await withStoredPhotos(dir, files, (stored) => attachEvidence(db, assessment, key, stored));
      reply.code(201);
      return assessmentAnswer(db, actor, code, year);
    },
  );

  app.post<{ Params: P }>(
    `${base}/submit`,
    {
      schema: {
        tags,
        summary: 'Submit the self-assessment to the street (metric items are filled in now)',
        params: BranchParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { code, year } = req.params;
      const { stars, assessment } = await loadAssessment(db, actor, 'fivestar.assess', code, year);
      await submitAssessment(db, actor, assessment, stars);
      return assessmentAnswer(db, actor, code, year);
    },
  );

  app.post<{ Params: P; Body: typeof ReviewBody.static }>(
    `${base}/review`,
    {
      schema: {
        tags,
        summary: 'The street’s review: accept or return each item with a reason',
        params: BranchParams,
        body: ReviewBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { code, year } = req.params;
      const { stars, assessment } = await loadAssessment(db, actor, 'fivestar.review', code, year);
      await reviewAssessment(db, actor, assessment, stars, req.body.items);
      return assessmentAnswer(db, actor, code, year);
    },
  );

  app.post<{ Params: P; Body: typeof DecideBody.static }>(
    `${base}/decide`,
    {
      schema: {
        tags,
        summary: 'The district’s decision: the stars awarded (支部过硬 first)',
        params: BranchParams,
        body: DecideBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { code, year } = req.params;
      const { stars, assessment } = await loadAssessment(db, actor, 'fivestar.decide', code, year);
      const answers = await answersOf(db, assessment.id);
      await decideAssessment(
        db,
        actor,
        assessment,
        stars,
        answers,
        req.body.stars,
        req.body.reason?.trim() || null,
      );
      return assessmentAnswer(db, actor, code, year);
    },
  );

  app.post<{ Params: P; Body: typeof VetoBody.static }>(
    `${base}/veto`,
    {
      schema: {
        tags,
        summary: 'A veto event (一票否决): withdraw stars with a reason and a date',
        params: BranchParams,
        body: VetoBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { code, year } = req.params;
      const { assessment } = await loadAssessment(db, actor, 'fivestar.decide', code, year);
      await vetoAssessment(db, actor, assessment, req.body);
      return assessmentAnswer(db, actor, code, year);
    },
  );

  const HistoryParams = Type.Object({ code: CommunityCode });
  app.get<{ Params: typeof HistoryParams.static }>(
    '/api/five-star/branches/:code/history',
    {
      schema: {
        tags,
        summary: 'Every year’s stars of a branch, newest first, with its veto count',
        params: HistoryParams,
      },
    },
    async (req) => {
      const { branch } = await loadBranchYear(db, actorOf(req), 'fivestar.read', req.params.code, 2000);
      return {
        data: {
          branch: { code: branch.code, name: branch.name, scope: branch.scope },
          years: await historyOf(db, branch.code),
        },
      };
    },
  );

  const PhotoId = Type.Object({ id: Type.String({ format: 'uuid' }) });
  app.get<{ Params: typeof PhotoId.static }>(
    '/api/five-star/photos/:id',
    {
      schema: {
        tags,
        summary: 'A thumbnail of an evidence photo (staff reading the branch)',
        params: PhotoId,
      },
    },
    async (req, reply) => {
      const photo = await one<{ id: string; mime: string; orgCode: string }>(
        db,
        sql`select p.id::text as id, p.mime, a.org_code as "orgCode" from five_star_photos p
            join five_star_assessments a on a.id = p.assessment_id where p.id = ${req.params.id}::uuid`,
      );
      if (!photo) throw notFound();
      assertCan(actorOf(req), 'fivestar.read', photo.orgCode);
      return sendFile(reply, dir, photo, 'thumb', PRIVATE_CACHE);
    },
  );
}
