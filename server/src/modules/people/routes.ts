import { GENDERS, ID_TYPES, PERSON_STATUSES, RELATIONS } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { forbidden, notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertCan, assertListArea, can, scopesFor } from '../auth/policy.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { moveOutPerson } from './commands/move-out-person.ts';
import { updatePerson } from './commands/update-person.ts';
import { loadHousehold, loadPerson, presentMembers } from './load.ts';
import { populationOf } from './population-queries.ts';
import { districtToday, presentHousehold } from './present-person.ts';
import { findNodeCode, householdMembers, householdMoves, listTags } from './queries.ts';
import { searchPersons } from './search-queries.ts';

const Id = Type.Object({ id: RowId() });
const Code = Type.String({ pattern: '^[0-9]{6,15}$', description: 'an org code' });
const DateText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const SearchQuery = Type.Object({
  org: Type.Optional(Code),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  idNumber: Type.Optional(Type.String({ minLength: 5, maxLength: 30 })),
  phone: Type.Optional(Type.String({ minLength: 5, maxLength: 30 })),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  tag: Type.Optional(RowId({ description: 'a tag id' })),
  status: Type.Optional(Type.Union([lit(PERSON_STATUSES), Type.Literal('all')])),
  after: Type.Optional(RowId({ description: 'the last person id of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

const PersonPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '\\S' })),
    gender: Type.Optional(lit(GENDERS)),
    birthDate: Type.Optional(DateText),
    idType: Type.Optional(lit(ID_TYPES)),
    idNumber: Type.Optional(Type.Union([Type.String({ minLength: 5, maxLength: 30 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ minLength: 5, maxLength: 30 }), Type.Null()])),
    relation: Type.Optional(lit(RELATIONS)),
    floatingRegisteredOn: Type.Optional(Type.Union([DateText, Type.Null()])),
    tagIds: Type.Optional(Type.Array(RowId(), { maxItems: 30 })),
  },
  { additionalProperties: false },
);

const MoveOutBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('move_out'), Type.Literal('deceased')]),
    on: DateText,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

/** The archive: search, household pages, edits, moves out, tags and population per org node. */
export function peopleRoutes(app: FastifyInstance, db: Db, cipher: PersonalDataCipher): void {
  app.get(
    '/api/people/tags',
    { schema: { tags: ['people'], summary: 'The archive tags the caller may see' } },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'people.read');
      // a sensitive tag is listed to those who may see it somewhere (their scope limits the search itself)
      const sensitive = scopesFor(actor, 'people.sensitive').length > 0;
      return { data: (await listTags(db)).filter((t) => sensitive || !t.sensitive) };
    },
  );

  app.get<{ Querystring: typeof SearchQuery.static }>(
    '/api/people/search',
    {
      schema: {
        tags: ['people'],
        summary:
          'Search residents by name (prefix), ID number, phone, address or tag within the caller’s scope',
        querystring: SearchQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const q = req.query;
      assertListArea(actor, 'people.read', q.org);
      const tags = await listTags(db);
      const tag = q.tag ? tags.find((t) => t.id === q.tag) : undefined;
      if (q.tag && !tag) throw notFound();
      if (tag?.sensitive) assertAnywhere(actor, 'people.sensitive');
      const limit = q.limit ?? 50;
      const hits = await searchPersons(db, cipher, actor, { ...q, tag, limit });
      return { data: await presentMembers(db, cipher, actor, hits, tags, districtToday()) };
    },
  );

  app.get<{ Params: typeof Id.static }>(
    '/api/households/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'A household page: house, building, members (masked), moves',
        params: Id,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const h = await loadHousehold(db, actor, req.params.id);
      const tags = await listTags(db);
      const members = await presentMembers(
        db,
        cipher,
        actor,
        await householdMembers(db, h.id),
        tags,
        districtToday(),
      );
      const moves = await householdMoves(db, h.id);
      return {
        data: presentHousehold(cipher, h, members, moves, (code) => can(actor, 'people.read', code)),
        abilities: {
          manage: can(actor, 'people.manage', h.code),
          reveal: can(actor, 'personal.reveal', h.code),
          sensitive: can(actor, 'people.sensitive', h.code),
        },
      };
    },
  );

  app.patch<{ Params: typeof Id.static; Body: typeof PersonPatch.static }>(
    '/api/persons/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Edit a person (ID number checked against birth date and gender)',
        params: Id,
        body: PersonPatch,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const p = await loadPerson(db, actor, req.params.id);
      assertCan(actor, 'people.manage', p.code);
      await updatePerson(
        db,
        cipher,
        { actorId: actor.userId, ip: req.ip, sensitive: can(actor, 'people.sensitive', p.code) },
        p,
        req.body,
        await listTags(db),
      );
      return { data: { id: p.id } };
    },
  );

  app.post<{ Params: typeof Id.static; Body: typeof MoveOutBody.static }>(
    '/api/persons/:id/move-out',
    {
      schema: {
        tags: ['people'],
        summary: 'Record a move out (迁出) or a death (注销)',
        params: Id,
        body: MoveOutBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const p = await loadPerson(db, actor, req.params.id);
      assertCan(actor, 'people.manage', p.code);
      await moveOutPerson(db, { actorId: actor.userId, ip: req.ip }, p, req.body);
      return { data: { id: p.id } };
    },
  );

  app.get<{ Params: typeof Id.static }>(
    '/api/org/nodes/:id/population',
    {
      schema: {
        tags: ['people'],
        summary: 'Residents of an org node by age band and tag (counts only)',
        params: Id,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const h = await findNodeCode(db, req.params.id);
      if (!h) throw notFound();
      // counts are for the area's staff and leaders, not for unit handlers reading the tree
      if (!can(actor, 'people.read', h.code) && !can(actor, 'case.read', h.code)) {
        assertCan(actor, 'org.read', h.code);
        throw forbidden();
      }
      const sensitive = can(actor, 'people.sensitive', h.code);
      return { data: await populationOf(db, h.code, await listTags(db), sensitive) };
    },
  );
}
