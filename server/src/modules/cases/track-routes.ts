import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { cipherFromConfig } from '../personal-data/cipher.ts';
import { ActionBody, runAction } from './action-handlers.ts';
import { type CaseRow, findCase, findCaseByTrackingCode } from './case-row.ts';
import { refinedAbilities } from './present-case.ts';
import { requirePublicCase } from './present-public-case.ts';
import { assertReporterPhone, needsPhone } from './reporter-check.ts';
import { withoutTrackingCodes } from './tracking-code.ts';

const TrackParams = Type.Object({ code: Type.String({ pattern: '^[A-Za-z0-9-]{6,20}$' }) });
const TrackAction = Type.Object({
  code: TrackParams.properties.code,
  action: Type.Union([Type.Literal('rate'), Type.Literal('reopen')]),
});
/** A rating or a reopening, with the phone number the reporter gave when the case was reported. */
const TrackActionBody = Type.Object(
  {
    ...ActionBody.properties,
    phone: Type.Optional(Type.String({ maxLength: 30 })),
  },
  { additionalProperties: false },
);

/** How whoever holds the tracking code holds the case: as its reporter. */
const REPORTER = [{ role: 'resident' as const, via: 'reporter' as const }];

/**
 * The reporter's tracking page by tracking code (PRODUCT §8: the code is the reporter's credential): the
 * public view with the code itself, what the reporter may do, and whether doing it needs the phone number
 * given at report time. Rating and reopening need the code and that number; a logged-in reporter needs
 * only the code (their account already proves who they are).
 */
export function trackRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const cipher = cipherFromConfig(config);

  const answer = async (c: CaseRow, ownAccount: boolean) => ({
    data: { ...withoutTrackingCodes(await requirePublicCase(db, c.id)), trackingCode: c.trackingCode },
    abilities: await refinedAbilities(db, c, REPORTER),
    phoneRequired: needsPhone(c) && !ownAccount,
  });
  const isOwn = (c: CaseRow, userId: string | undefined) =>
    !!userId && c.reporterId === userId && c.source === 'resident';

  app.get<{ Params: typeof TrackParams.static }>(
    '/api/track/:code',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Public progress of a case by tracking code, the reporter’s abilities and whether rating or ' +
          'reopening needs the phone number given at report time (phoneRequired)',
        params: TrackParams,
      },
    },
    async (req) => {
      const c = await findCaseByTrackingCode(db, req.params.code);
      if (!c) throw notFound();
      return answer(c, isOwn(c, req.actorOrNull?.userId));
    },
  );

  app.post<{ Params: typeof TrackAction.static; Body: typeof TrackActionBody.static }>(
    '/api/track/:code/:action',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Rate or send back a closed case as its reporter: the tracking code together with the phone number ' +
          'given at report time (403 REPORTER_CHECK_FAILED when it is missing or does not match)',
        params: TrackAction,
        body: TrackActionBody,
      },
    },
    async (req) => {
      const c = await findCaseByTrackingCode(db, req.params.code);
      // a case from an internal source has no public page, and so no rating by code either
      if (!c) throw notFound();
      await requirePublicCase(db, c.id);
      const own = isOwn(c, req.actorOrNull?.userId);
      const { phone, ...body } = req.body;
      if (!own) assertReporterPhone(c, phone, cipher);
      await runAction(db, c, { actor: req.actorOrNull, holds: REPORTER }, req.params.action, body, {
        photos: [],
        before: [],
        after: [],
      });
      return answer((await findCase(db, c.id))!, own);
    },
  );
}
