import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { invalid, notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan } from '../auth/policy.ts';
import { findNodeByCode } from '../org/queries.ts';
import { assertManagesUser, findVisibleUser } from '../users/queries.ts';
import { setPublicPhone } from './commands/set-public-phone.ts';
import { qrDataUri, reportUrlFor } from './qr.ts';
import { findBuilding, findUserHome, plates, publicPhoneOf } from './queries.ts';

const PlateQuery = Type.Object({
  grid: Type.Optional(
    Type.String({ pattern: '^[0-9]{15}$', description: 'a grid code: every building of it' }),
  ),
  building: Type.Optional(RowId({ description: 'one building' })),
});
const UserId = Type.Object({ id: Type.String({ format: 'uuid' }) });
const PhoneBody = Type.Object(
  { publicPhone: Type.Union([Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }), Type.Null()]) },
  { additionalProperties: false },
);

/** Door plates (网格门牌) of a grid or a building, and the grid worker's public work phone printed on them. */
export function doorPlateRoutes(app: FastifyInstance, db: Db, config: Config): void {
  app.get<{ Querystring: typeof PlateQuery.static }>(
    '/api/door-plates',
    {
      schema: {
        tags: ['door plates'],
        summary:
          "Door plates of a grid's buildings or of one building: address, grid, its workers' public phones, a QR code to report",
        querystring: PlateQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { grid, building } = req.query;
      if ((grid === undefined) === (building === undefined))
        throw invalid([{ field: '/grid', message: 'give grid or building' }]);
      let gridCode: string;
      if (grid !== undefined) {
        const node = await findNodeByCode(db, grid);
        if (node?.level !== 'grid') throw notFound();
        gridCode = node.code;
      } else {
        const b = await findBuilding(db, building!);
        if (!b) throw notFound();
        gridCode = b.gridCode;
      }
      // the plates are printed by the people who look after the grid's households
      assertCan(actor, 'people.read', gridCode);
      const rows = await plates(db, grid !== undefined ? { gridCode } : { buildingId: building! });
      return {
        data: rows.map((b) => {
          const url = reportUrlFor(config, b);
          return { ...b, location: { lng: b.lng, lat: b.lat }, reportUrl: url, qr: qrDataUri(url) };
        }),
      };
    },
  );

  app.get(
    '/api/door-plates/work-phone',
    {
      schema: { tags: ['door plates'], summary: 'The public work phone the caller publishes on door plates' },
    },
    async (req) => {
      const actor = actorOf(req);
      return { data: { publicPhone: await publicPhoneOf(db, actor.userId) } };
    },
  );

  app.put<{ Params: typeof UserId.static; Body: typeof PhoneBody.static }>(
    '/api/users/:id/public-phone',
    {
      schema: {
        tags: ['door plates', 'users'],
        summary:
          'Publish (or withdraw, with null) a work phone for door plates: the user themselves, or their administrator',
        params: UserId,
        body: PhoneBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      // one's own phone needs no user administration; anyone else's does, over all their grants
      let user = req.params.id === actor.userId ? await findUserHome(db, actor.userId) : null;
      if (!user) {
        const managed = await findVisibleUser(db, actor, req.params.id);
        if (!managed) throw notFound();
        assertManagesUser(actor, managed);
        user = managed;
      }
      const phone = req.body.publicPhone?.trim() || null;
      await setPublicPhone(db, user, phone, { actorId: actor.userId, ip: req.ip });
      return { data: { id: user.id, publicPhone: phone } };
    },
  );
}
