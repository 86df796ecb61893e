import { GENDERS, ID_TYPES, isPhone, RELATIONS } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { invalid, notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import type { Actor } from '../auth/actor.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan, can } from '../auth/policy.ts';
import { findBuilding } from '../buildings/queries.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { addHousehold } from './commands/add-household.ts';
import { addMember } from './commands/add-member.ts';
import { transferPerson } from './commands/transfer-person.ts';
import { assignableTags, checkNewPerson, type NewPerson } from './insert-person.ts';
import { loadHousehold, loadPerson } from './load.ts';
import { districtToday } from './present-person.ts';
import { listTags } from './queries.ts';

const Id = Type.Object({ id: RowId() });
const DateText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
const Phone = Type.String({ minLength: 5, maxLength: 30 });
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const PersonBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40, pattern: '\\S' }),
    gender: lit(GENDERS),
    birthDate: DateText,
    idType: Type.Optional(lit(ID_TYPES)),
    idNumber: Type.Optional(Type.Union([Type.String({ minLength: 5, maxLength: 30 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    floatingRegisteredOn: Type.Optional(Type.Union([DateText, Type.Null()])),
    tagIds: Type.Optional(Type.Array(RowId(), { maxItems: 30 })),
  },
  { additionalProperties: false },
);
const MemberBody = Type.Object(
  {
    person: Type.Object(
      { ...PersonBody.properties, relation: lit(RELATIONS) },
      { additionalProperties: false },
    ),
    on: Type.Optional(DateText),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
const HouseChoice = Type.Union([
  Type.Object({ houseId: RowId(), isRental: Type.Boolean() }, { additionalProperties: false }),
  Type.Object(
    {
      unit: Type.String({ maxLength: 20 }),
      floor: Type.Union([Type.Integer({ minimum: -5, maximum: 200 }), Type.Null()]),
      room: Type.String({ minLength: 1, maxLength: 20, pattern: '\\S' }),
      isRental: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
]);
const HouseholdBody = Type.Object(
  {
    buildingId: RowId(),
    house: HouseChoice,
    contactPhone: Type.Optional(Type.Union([Phone, Type.Null()])),
    movedInOn: Type.Optional(DateText),
    head: PersonBody,
  },
  { additionalProperties: false },
);
const TransferBody = Type.Object(
  {
    householdId: RowId({ description: 'the household moved into' }),
    on: DateText,
    relation: lit(RELATIONS),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

type PersonInput = typeof PersonBody.static & { relation?: (typeof RELATIONS)[number] };

/** A form's person checked as the import checks a row, with only the tags this caller may set there. */
async function newPerson(db: Db, actor: Actor, code: string, b: PersonInput): Promise<NewPerson> {
  const p = checkNewPerson({
    name: b.name,
    gender: b.gender,
    birthDate: b.birthDate,
    idType: b.idType ?? 'id_card',
    idNumber: b.idNumber ?? null,
    phone: b.phone ?? null,
    relation: b.relation ?? 'head',
    floatingRegisteredOn: b.floatingRegisteredOn ?? null,
    tagIds: [],
  });
  const tags = await listTags(db);
  return { ...p, tagIds: assignableTags(tags, b.tagIds ?? [], can(actor, 'people.sensitive', code)) };
}

/** Entering households and persons by hand, and moving a person into a household (docs/people.md). */
export function householdRoutes(app: FastifyInstance, db: Db, cipher: PersonalDataCipher): void {
  app.post<{ Body: typeof HouseholdBody.static }>(
    '/api/households',
    {
      schema: {
        tags: ['people'],
        summary: 'Enter a household by hand: its flat (or a new one), contact phone and head',
        body: HouseholdBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = await findBuilding(db, req.body.buildingId);
      if (!b) throw notFound();
      assertCan(actor, 'people.manage', b.gridCode);
      const contact = req.body.contactPhone?.trim() || null;
      if (contact && !isPhone(contact))
        throw invalid([
          { field: 'contactPhone', message: { zh: '电话号码格式不正确', en: 'not a phone number' } },
        ]);
      const head = await newPerson(db, actor, b.gridCode, req.body.head);
      const made = await addHousehold(db, cipher, { actorId: actor.userId, ip: req.ip }, b, {
        house: req.body.house,
        contactPhone: contact,
        head,
        movedInOn: req.body.movedInOn ?? districtToday(),
      });
      return reply.status(201).send({ data: made });
    },
  );

  app.post<{ Params: typeof Id.static; Body: typeof MemberBody.static }>(
    '/api/households/:id/members',
    {
      schema: {
        tags: ['people'],
        summary: 'A newcomer moves into a household (迁入): enter the person',
        params: Id,
        body: MemberBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const h = await loadHousehold(db, actor, req.params.id);
      assertCan(actor, 'people.manage', h.code);
      const p = await newPerson(db, actor, h.code, req.body.person);
      const made = await addMember(db, cipher, { actorId: actor.userId, ip: req.ip }, h, p, {
        on: req.body.on ?? districtToday(),
        note: req.body.note?.trim() || null,
      });
      return reply.status(201).send({ data: made });
    },
  );

  app.post<{ Params: typeof Id.static; Body: typeof TransferBody.static }>(
    '/api/persons/:id/transfer',
    {
      schema: {
        tags: ['people'],
        summary: 'Move a person of the archive into another household (户间迁移, or 迁回 after a move out)',
        params: Id,
        body: TransferBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const p = await loadPerson(db, actor, req.params.id);
      assertCan(actor, 'people.manage', p.code);
      const to = await loadHousehold(db, actor, req.body.householdId);
      assertCan(actor, 'people.manage', to.code);
      await transferPerson(db, { actorId: actor.userId, ip: req.ip }, p, to, req.body);
      return { data: { id: p.id, householdId: to.id } };
    },
  );
}
