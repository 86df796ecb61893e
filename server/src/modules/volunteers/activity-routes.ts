import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { AppError, notFound } from '../../infra/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertCan, assertListArea, can, scopeCondition } from '../auth/policy.ts';
import { qrDataUri } from '../door-plates/qr.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import {
  activitiesForVolunteer,
  activityOpenTo,
  activityPhotos,
  activitySignups,
  findActivity,
  listActivities,
} from './activity-queries.ts';
import { volunteerMayAddPhotos } from './commands/attach-activity-photos.ts';
import { checkInOut } from './commands/check-in-out.ts';
import { createActivity } from './commands/create-activity.ts';
import { signUp } from './commands/sign-up.ts';
import { verifyHours } from './commands/verify-hours.ts';
import { readVolunteerSettings } from './config.ts';
import { presentActivity, presentActivityPhoto, presentSignup, presentVolunteer } from './present.ts';
import { QR_REFRESH_S, readCheckCode, signCheckCode } from './qr.ts';
import { findTeam, volunteerHistory, volunteerOfUser } from './queries.ts';
import { ActivityBody, AreaQuery, CheckBody, IdParams, SignupBody, VerifyBody } from './schemas.ts';

const TAGS = ['volunteers'];

/** The volunteer record of the caller's login (VOLUNTEER_NOT_LINKED when there is none). */
export async function myVolunteer(db: Db, actor: Actor) {
  assertAnywhere(actor, 'volunteer.serve');
  const v = await volunteerOfUser(db, actor.userId);
  if (!v) throw new AppError('VOLUNTEER_NOT_LINKED', 403);
  return v;
}

/** Activities: created, shown with a refreshing QR code, verified by the organiser; joined on the phone. */
export function activityRoutes(
  app: FastifyInstance,
  db: Db,
  cipher: PersonalDataCipher,
  config: Pick<Config, 'secretKey' | 'publicUrl'>,
): void {
  const secret = config.secretKey;
  const loadActivity = async (id: number) => {
    const a = await findActivity(db, id);
    if (!a) throw notFound();
    return a;
  };

  app.get<{ Querystring: typeof AreaQuery.static }>(
    '/api/volunteers/activities',
    {
      schema: {
        tags: TAGS,
        summary: 'Activities of the caller’s area, newest first',
        querystring: AreaQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertListArea(actor, 'volunteer.read', req.query.org);
      const where = sql`(${scopeCondition(actor, 'volunteer.read', sql`a.org_code`)})
        ${req.query.org ? sql`and a.org_code like ${`${req.query.org}%`}` : sql``}`;
      return { data: (await listActivities(db, where)).map(presentActivity) };
    },
  );

  app.post<{ Body: typeof ActivityBody.static }>(
    '/api/volunteers/activities',
    { schema: { tags: TAGS, summary: 'Create an activity (organiser: the caller)', body: ActivityBody } },
    async (req, reply) => {
      const actor = actorOf(req);
      assertCan(actor, 'volunteer.manage', req.body.orgCode);
      if (req.body.teamId) {
        const team = await findTeam(db, req.body.teamId);
        if (!team) throw notFound();
        assertCan(actor, 'volunteer.read', team.orgCode);
      }
      const id = await createActivity(db, actor, req.body, req.ip);
      reply.code(201);
      return { data: presentActivity(await loadActivity(id)) };
    },
  );

  app.get<{ Params: typeof IdParams.static }>(
    '/api/volunteers/activities/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'An activity with its sign-ups (names masked) and photos',
        params: IdParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const a = await loadActivity(req.params.id);
      assertCan(actor, 'volunteer.read', a.orgCode);
      const [signups, photos] = await Promise.all([activitySignups(db, a.id), activityPhotos(db, a.id)]);
      return {
        data: {
          ...presentActivity(a),
          signups: signups.map((s) => presentSignup(cipher, s)),
          photos: photos.map(presentActivityPhoto),
        },
        abilities: can(actor, 'volunteer.manage', a.orgCode) ? ['manage'] : [],
      };
    },
  );

  app.get<{ Params: typeof IdParams.static }>(
    '/api/volunteers/activities/:id/code',
    {
      schema: {
        tags: TAGS,
        summary: 'The signed, short-lived sign-in code to show at the place as a QR code',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const a = await loadActivity(req.params.id);
      assertCan(actor, 'volunteer.manage', a.orgCode);
      reply.header('cache-control', 'no-store');
      const signed = signCheckCode(secret, a.id);
      // a phone's camera opens the sign-in page straight from the code; without PUBLIC_URL the bare code is
      // shown, which the sign-in page also takes
      const url = config.publicUrl
        ? `${config.publicUrl}/m/volunteer/check?code=${encodeURIComponent(signed.code)}`
        : signed.code;
      return { data: { ...signed, url, qr: qrDataUri(url), refreshS: QR_REFRESH_S } };
    },
  );

  app.post<{ Params: typeof IdParams.static; Body: typeof VerifyBody.static }>(
    '/api/volunteers/activities/:id/verify',
    {
      schema: {
        tags: TAGS,
        summary: 'Verify the hours of sign-ups; points go into the ledger',
        params: IdParams,
        body: VerifyBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const a = await loadActivity(req.params.id);
      assertCan(actor, 'volunteer.manage', a.orgCode);
      return { data: await verifyHours(db, actor, a, req.body.items, req.ip) };
    },
  );

  app.get(
    '/api/volunteers/me',
    { schema: { tags: TAGS, summary: 'The caller’s volunteer record: hours, points, ledger, activities' } },
    async (req) => {
      const v = await myVolunteer(db, actorOf(req));
      const [history, activities] = await Promise.all([
        volunteerHistory(db, v.id),
        activitiesForVolunteer(db, v),
      ]);
      return {
        data: {
          ...presentVolunteer(cipher, v),
          ledger: history.ledger,
          honours: history.honours,
          activities: activities.map((a) => ({
            ...presentActivity(a),
            signedUp: a.signedUp,
            photoIds: a.photoIds,
            mayAddPhotos: volunteerMayAddPhotos(a.signupId ? { signedInAt: a.signedInAt } : null, a.endsAt),
            mine: a.signupId
              ? {
                  signedInAt: a.signedInAt,
                  signedOutAt: a.signedOutAt,
                  hours: a.hours,
                  verifiedAt: a.verifiedAt,
                }
              : null,
          })),
        },
      };
    },
  );

  app.post<{ Body: typeof SignupBody.static }>(
    '/api/volunteers/me/signups',
    {
      schema: {
        tags: TAGS,
        summary: 'Sign up for an activity of one’s community or street',
        body: SignupBody,
      },
    },
    async (req, reply) => {
      const v = await myVolunteer(db, actorOf(req));
      const a = await findActivity(db, req.body.activityId);
      if (!a || !activityOpenTo(a.orgCode, v.orgCode)) throw notFound();
      const done = await signUp(db, a.id, v);
      reply.code(done.created ? 201 : 200);
      return { data: { activityId: a.id, signupId: done.id } };
    },
  );

  app.post<{ Body: typeof CheckBody.static }>(
    '/api/volunteers/me/check',
    {
      schema: {
        tags: TAGS,
        summary: 'Sign in or out with the code scanned at the place and the phone’s position',
        body: CheckBody,
      },
    },
    async (req) => {
      const v = await myVolunteer(db, actorOf(req));
      const activityId = readCheckCode(secret, req.body.code);
      if (!activityId) throw new AppError('VOLUNTEER_QR_INVALID', 400, [{ field: 'body/code' }]);
      const a = await findActivity(db, activityId);
      if (!a || !activityOpenTo(a.orgCode, v.orgCode)) throw notFound();
      const { checkRadiusM } = await readVolunteerSettings(db);
      const done = await checkInOut(db, a, v.id, req.body, checkRadiusM);
      return { data: { activityId: a.id, title: a.title, ...done } };
    },
  );
}
