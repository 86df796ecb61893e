import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import {
  assertAnywhere,
  assertCan,
  assertListArea,
  can,
  districtWideCode,
  scopesFor,
} from '../auth/policy.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { unseal } from '../personal-data/fields.ts';
import { maskAs } from '../personal-data/mask.ts';
import { addHonour } from './commands/add-honour.ts';
import { addMember } from './commands/add-member.ts';
import { changeStage } from './commands/change-stage.ts';
import { createTeam } from './commands/create-team.ts';
import { createVolunteer } from './commands/create-volunteer.ts';
import { linkAccount } from './commands/link-account.ts';
import { updateConfig } from './commands/update-config.ts';
import { readVolunteerConfig } from './config.ts';
import { presentVolunteer } from './present.ts';
import {
  findTeam,
  findVolunteer,
  listTeams,
  listVolunteers,
  personGridCode,
  volunteerHistory,
} from './queries.ts';
import {
  AccountBody,
  AreaQuery,
  ConfigBody,
  HonourBody,
  IdParams,
  MemberBody,
  StageBody,
  TeamBody,
  VolunteerBody,
  VolunteerQuery,
} from './schemas.ts';

const TAGS = ['volunteers'];

/** The volunteer archive: the record, lifecycle, honours, login, teams and the district's settings. */
export function volunteerRoutes(app: FastifyInstance, db: Db, cipher: PersonalDataCipher): void {
  const loadVolunteer = async (id: number) => {
    const v = await findVolunteer(db, id);
    if (!v) throw notFound();
    return v;
  };

  app.get(
    '/api/volunteers/config',
    { schema: { tags: TAGS, summary: 'Categories, activity types, points settings' } },
    async (req) => {
      const actor = actorOf(req);
      if (scopesFor(actor, 'volunteer.serve').length === 0) assertAnywhere(actor, 'volunteer.read');
      return { data: await readVolunteerConfig(db) };
    },
  );

  app.put<{ Body: typeof ConfigBody.static }>(
    '/api/volunteers/config',
    {
      schema: {
        tags: TAGS,
        summary: 'Change categories, coefficients and points settings (district-wide)',
        body: ConfigBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const code = districtWideCode(actor, 'volunteer.manage');
      await updateConfig(db, actor, code, req.body, req.ip);
      return { data: await readVolunteerConfig(db) };
    },
  );

  app.get<{ Querystring: typeof VolunteerQuery.static }>(
    '/api/volunteers',
    {
      schema: {
        tags: TAGS,
        summary: 'Volunteers of the caller’s area (names masked)',
        querystring: VolunteerQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertListArea(actor, 'volunteer.read', req.query.org);
      const { limit = 100, offset = 0, ...f } = req.query;
      const list = await listVolunteers(db, actor, { ...f, limit, offset });
      return { data: list.map((v) => presentVolunteer(cipher, v)) };
    },
  );

  app.post<{ Body: typeof VolunteerBody.static }>(
    '/api/volunteers',
    {
      schema: {
        tags: TAGS,
        summary: 'Add a person of the archive as a volunteer (recommended)',
        body: VolunteerBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertCan(actor, 'volunteer.manage', req.body.orgCode);
      // the person must live in that area: an id from elsewhere names nothing the caller may see
      const grid = await personGridCode(db, req.body.personId);
      if (!grid?.startsWith(req.body.orgCode)) throw notFound();
      const id = await createVolunteer(db, actor, req.body, req.ip);
      reply.code(201);
      return { data: presentVolunteer(cipher, await loadVolunteer(id)) };
    },
  );

  app.get<{ Params: typeof IdParams.static }>(
    '/api/volunteers/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'A volunteer with lifecycle history, honours, points ledger, activities',
        params: IdParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const v = await loadVolunteer(req.params.id);
      assertCan(actor, 'volunteer.read', v.orgCode);
      return {
        data: { ...presentVolunteer(cipher, v), ...(await volunteerHistory(db, v.id)) },
        abilities: can(actor, 'volunteer.manage', v.orgCode) ? ['manage'] : [],
      };
    },
  );

  app.post<{ Params: typeof IdParams.static; Body: typeof StageBody.static }>(
    '/api/volunteers/:id/stage',
    {
      schema: {
        tags: TAGS,
        summary: 'Move a volunteer along the lifecycle (选树, trained, active, retired)',
        params: IdParams,
        body: StageBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const v = await loadVolunteer(req.params.id);
      assertCan(actor, 'volunteer.manage', v.orgCode);
      await changeStage(db, actor, v, req.body.stage, req.body.note, req.ip);
      return { data: presentVolunteer(cipher, await loadVolunteer(v.id)) };
    },
  );

  app.post<{ Params: typeof IdParams.static; Body: typeof HonourBody.static }>(
    '/api/volunteers/:id/honours',
    {
      schema: {
        tags: TAGS,
        summary: 'Record an honour (身边好人, 道德模范) with its date',
        params: IdParams,
        body: HonourBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const v = await loadVolunteer(req.params.id);
      assertCan(actor, 'volunteer.manage', v.orgCode);
      const id = await addHonour(db, actor, v, req.body, req.ip);
      reply.code(201);
      return { data: { id } };
    },
  );

  app.post<{ Params: typeof IdParams.static; Body: typeof AccountBody.static }>(
    '/api/volunteers/:id/account',
    {
      schema: {
        tags: TAGS,
        summary: 'Give a volunteer a login for the phone pages',
        params: IdParams,
        body: AccountBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const v = await loadVolunteer(req.params.id);
      assertCan(actor, 'volunteer.manage', v.orgCode);
      const label = `志愿者 ${maskAs('name', unseal(cipher, v.nameEnc))}`;
      await linkAccount(db, actor, { ...v, label }, req.body, req.ip);
      reply.code(201);
      return { data: presentVolunteer(cipher, await loadVolunteer(v.id)) };
    },
  );

  app.get<{ Querystring: typeof AreaQuery.static }>(
    '/api/volunteers/teams',
    {
      schema: {
        tags: TAGS,
        summary: 'Volunteer service teams (志愿服务队) of the area',
        querystring: AreaQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertListArea(actor, 'volunteer.read', req.query.org);
      return { data: await listTeams(db, actor, req.query.org) };
    },
  );

  app.post<{ Body: typeof TeamBody.static }>(
    '/api/volunteers/teams',
    { schema: { tags: TAGS, summary: 'Create a team of a community or street', body: TeamBody } },
    async (req, reply) => {
      const actor = actorOf(req);
      assertCan(actor, 'volunteer.manage', req.body.orgCode);
      const id = await createTeam(db, actor, req.body, req.ip);
      reply.code(201);
      return { data: { id, orgCode: req.body.orgCode, name: req.body.name.trim(), members: 0 } };
    },
  );

  app.post<{ Params: typeof IdParams.static; Body: typeof MemberBody.static }>(
    '/api/volunteers/teams/:id/members',
    {
      schema: {
        tags: TAGS,
        summary: 'Add a volunteer of the team’s area to the team',
        params: IdParams,
        body: MemberBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const team = await findTeam(db, req.params.id);
      if (!team) throw notFound();
      assertCan(actor, 'volunteer.manage', team.orgCode);
      const v = await loadVolunteer(req.body.volunteerId);
      if (!v.orgCode.startsWith(team.orgCode)) throw notFound();
      await addMember(db, team.id, v.id);
      return { data: { teamId: team.id, volunteerId: v.id } };
    },
  );
}
