import type { AuditAction, AuditEntity } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../infra/db.ts';

/** One change for the audit log: who did what to which record, with the record before and after. */
export interface AuditEntry {
  actorId: string | null;
  /** named in AUDIT_ACTIONS, so the audit page can say it in words */
  action: AuditAction;
  entity: AuditEntity;
  entityId: string | number | null;
  scopeCode: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Appends an audit row; call it inside the transaction that makes the change so both land or neither. */
export async function writeAudit(db: Db, e: AuditEntry): Promise<void> {
  await db.execute(
    sql`insert into audit_log (actor_id, action, entity, entity_id, scope_code, before, after, ip)
        values (${e.actorId}, ${e.action}, ${e.entity}, ${e.entityId === null ? null : String(e.entityId)},
          ${e.scopeCode}, ${e.before === undefined ? null : JSON.stringify(e.before)}::jsonb,
          ${e.after === undefined ? null : JSON.stringify(e.after)}::jsonb, ${e.ip ?? null})`,
  );
}
