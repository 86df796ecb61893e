import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertDistrictWide, scopesFor } from '../auth/policy.ts';
import { updateSupervisionSettings } from './commands/update-supervision-settings.ts';
import { readSupervisionSettings } from './queries.ts';
import { SupervisionSettingsFields } from './schemas.ts';

/** The supervision settings page: bulletin time, issuer and 文号 prefix; the 晨查 plan; rectification days. */
export function supervisionSettingsRoutes(app: FastifyInstance, db: Db): void {
  app.get(
    '/api/settings/supervision',
    {
      schema: { tags: ['settings'], summary: 'Bulletin issuing, the standing 晨查 plan, rectification days' },
    },
    async (req) => {
      assertAnywhere(actorOf(req), 'org.manage');
      return { data: await readSupervisionSettings(db) };
    },
  );

  const Changes = Type.Partial(Type.Object(SupervisionSettingsFields), {
    minProperties: 1,
    additionalProperties: false,
  });
  app.patch<{ Body: typeof Changes.static }>(
    '/api/settings/supervision',
    { schema: { tags: ['settings'], summary: 'Change some supervision settings', body: Changes } },
    async (req) => {
      const actor = actorOf(req);
      // shared by the whole deployment, like the workflow settings and the calendar
      assertDistrictWide(actor, 'org.manage');
      const by = { actorId: actor.userId, scopeCode: scopesFor(actor, 'org.manage')[0] ?? null, ip: req.ip };
      return { data: await updateSupervisionSettings(db, req.body, by) };
    },
  );
}
