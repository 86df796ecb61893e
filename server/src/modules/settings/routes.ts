import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertDistrictWide, scopesFor } from '../auth/policy.ts';
import { updateWorkflowSettings } from './commands/update-settings.ts';
import { readWorkflowSettings } from './queries.ts';
import { WorkflowSettingsFields } from './schemas.ts';

/** The workflow settings page: stage limits, rating and reopen windows, the duplicate window. */
export function settingsRoutes(app: FastifyInstance, db: Db): void {
  app.get(
    '/api/settings/workflow',
    {
      schema: {
        tags: ['settings'],
        summary: 'Stage limits, rating window, reopen threshold, duplicate window',
      },
    },
    async (req) => {
      assertAnywhere(actorOf(req), 'org.manage');
      return { data: await readWorkflowSettings(db) };
    },
  );

  const Changes = Type.Partial(Type.Object(WorkflowSettingsFields), {
    minProperties: 1,
    additionalProperties: false,
  });
  app.patch<{ Body: typeof Changes.static }>(
    '/api/settings/workflow',
    { schema: { tags: ['settings'], summary: 'Change some workflow settings', body: Changes } },
    async (req) => {
      const actor = actorOf(req);
      // the settings are shared by the whole deployment, like the taxonomy and the calendar
      assertDistrictWide(actor, 'org.manage');
      const by = { actorId: actor.userId, scopeCode: scopesFor(actor, 'org.manage')[0] ?? null, ip: req.ip };
      return { data: await updateWorkflowSettings(db, req.body, by) };
    },
  );
}
