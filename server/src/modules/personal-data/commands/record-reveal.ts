import type { AuditEntity } from '@civicgrid/shared';
import type { Db } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';

/** One reveal of personal data: who saw which fields of whose record, why, and by what right. */
export interface Reveal {
  actorId: string;
  ip: string | null;
  /** the record the fields belong to, as the audit log names it ('case', 'person', …) */
  entity: AuditEntity;
  entityId: string | number;
  /** the org code of the record, so auditors of that area read the row */
  scopeCode: string;
  /** whose data it is on that record ('reporter', 'person', 'emergency_contact', …) */
  subject: string;
  /** the field names shown in clear, never their values */
  fields: string[];
  reason: string;
  /** the right used: 'scope' (personal.reveal in scope) or 'unit' (the unit handling the case) */
  via: string;
}

/**
 * Writes the audit row of a reveal. Call it before the clear values leave the server, in the request that
 * returns them: no row, no values. The row names the fields and the reason and never holds a value.
 */
export async function recordReveal(db: Db, r: Reveal): Promise<void> {
  await writeAudit(db, {
    actorId: r.actorId,
    action: 'personal.reveal',
    entity: r.entity,
    entityId: r.entityId,
    scopeCode: r.scopeCode,
    after: { subject: r.subject, fields: r.fields, reason: r.reason, via: r.via },
    ip: r.ip,
  });
}
