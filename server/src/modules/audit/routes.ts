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
  /** what the entity is called (a user's display name, a unit's or org node's name, a category's), if known */
  entityName: string | null;
  scopeCode: string | null;
  /** the name of the org node the scope code stands for */
  scopeName: string | null;
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
              a.entity_id as "entityId", a.scope_code as "scopeCode", a.before, a.after,
              case a.entity
                when 'user' then (select e.display_name from users e where e.id::text = a.entity_id)
                when 'unit' then (select e.name from units e where e.id::text = a.entity_id)
                when 'org_node' then (select e.name from org_nodes e where e.id::text = a.entity_id)
                when 'district' then (select e.name from org_nodes e where e.code = a.entity_id)
                when 'category' then (select e.code || ' ' || e.name_zh from categories e where e.code = a.entity_id)
              end as "entityName",
              (select n.name from org_nodes n where n.code = a.scope_code) as "scopeName"
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
