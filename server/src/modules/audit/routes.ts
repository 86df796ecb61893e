import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type Db, rows } from '../../infra/db.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, scopeCondition } from '../auth/policy.ts';

interface AuditRow {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  scopeCode: string | null;
  before: unknown;
  after: unknown;
}

const Query = Type.Object({
  entity: Type.Optional(Type.String({ maxLength: 40 })),
  action: Type.Optional(Type.String({ maxLength: 40, description: 'e.g. personal.reveal' })),
  entityId: Type.Optional(Type.String({ maxLength: 64 })),
  before: Type.Optional(RowId({ description: 'cursor: return rows with a smaller id' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

/** Audit log reading for administrators, limited to the org codes they administer. */
export function auditRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Querystring: typeof Query.static }>(
    '/api/audit',
    { schema: { tags: ['audit'], summary: 'Read the audit log', querystring: Query } },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'audit.read');
      const { entity, action, entityId, before, limit = 50 } = req.query;
      const list = await rows<AuditRow>(
        db,
        sql`select a.id, a.at, a.actor_id as "actorId", u.display_name as "actorName", a.action, a.entity,
              a.entity_id as "entityId", a.scope_code as "scopeCode", a.before, a.after
            from audit_log a left join users u on u.id = a.actor_id
            where (${scopeCondition(actor, 'audit.read', sql`a.scope_code`)})
              ${entity ? sql`and a.entity = ${entity}` : sql``}
              ${action ? sql`and a.action = ${action}` : sql``}
              ${entityId ? sql`and a.entity_id = ${entityId}` : sql``}
              ${before ? sql`and a.id < ${before}` : sql``}
            order by a.id desc limit ${limit + 1}`,
      );
      const page = list.slice(0, limit);
      return { data: page, nextCursor: list.length > limit ? page[page.length - 1]!.id : null };
    },
  );
}
