import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertCan, scopesFor } from '../auth/policy.ts';
import { addHouse } from './commands/add-house.ts';
import { saveBuilding } from './commands/save-building.ts';
import { findBuilding, listBuildings } from './queries.ts';

const Id = Type.Object({ id: RowId() });
const GridCode = Type.String({ pattern: '^[0-9]{15}$', description: 'a grid code' });
const Point = Type.Object(
  { lng: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) },
  { additionalProperties: false },
);
const BuildingBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }),
    address: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    location: Point,
  },
  { additionalProperties: false },
);
const HouseBody = Type.Object(
  {
    unit: Type.String({ maxLength: 20 }),
    floor: Type.Union([Type.Integer({ minimum: -5, maximum: 200 }), Type.Null()]),
    room: Type.String({ minLength: 1, maxLength: 20, pattern: '\\S' }),
    isRental: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** Buildings (楼栋) and their houses (户室) of the archive: list a grid's, create, edit, add a house. */
export function buildingRoutes(app: FastifyInstance, db: Db): void {
  const ListQuery = Type.Object({ grid: GridCode });
  app.get<{ Querystring: typeof ListQuery.static }>(
    '/api/buildings',
    {
      schema: {
        tags: ['people'],
        summary: 'The buildings of a grid with their houses',
        querystring: ListQuery,
      },
    },
    async (req) => {
      assertCan(actorOf(req), 'people.read', req.query.grid);
      return { data: await listBuildings(db, req.query.grid) };
    },
  );

  app.post<{ Body: typeof BuildingBody.static }>(
    '/api/buildings',
    {
      schema: {
        tags: ['people'],
        summary: 'Create a building in the grid its location lies in',
        body: BuildingBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'people.manage');
      const by = { actorId: actor.userId, ip: req.ip };
      const saved = await saveBuilding(db, {
        scopes: scopesFor(actor, 'people.manage'),
        input: req.body,
        by,
      });
      return reply.status(201).send({ data: saved });
    },
  );

  const load = async (id: number, actor: ReturnType<typeof actorOf>) => {
    const b = await findBuilding(db, id);
    if (!b) throw notFound();
    assertCan(actor, 'people.manage', b.gridCode);
    return b;
  };

  app.put<{ Params: typeof Id.static; Body: typeof BuildingBody.static }>(
    '/api/buildings/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Change a building’s name, address or location (within its grid)',
        params: Id,
        body: BuildingBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const b = await load(req.params.id, actor);
      const by = { actorId: actor.userId, ip: req.ip };
      return {
        data: await saveBuilding(db, { id: b.id, gridCode: b.gridCode, scopes: [], input: req.body, by }),
      };
    },
  );

  app.post<{ Params: typeof Id.static; Body: typeof HouseBody.static }>(
    '/api/buildings/:id/houses',
    {
      schema: {
        tags: ['people'],
        summary: 'Add a flat or house to a building',
        params: Id,
        body: HouseBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = await load(req.params.id, actor);
      const house = await addHouse(db, b, req.body, { actorId: actor.userId, ip: req.ip });
      return reply.status(201).send({ data: house });
    },
  );
}
