import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { forgetStageLimits } from '../../cases/deadlines.ts';
import { readWorkflowSettings } from '../queries.ts';
import { SETTING_KEYS, type WorkflowSettings } from '../schemas.ts';

export interface SettingsChangedBy {
  actorId: string;
  scopeCode: string | null;
  ip: string | null;
}

/**
 * Changes some workflow settings (stage limits, rating window, reopen threshold, duplicate window) in one
 * transaction, with the settings before and after in the audit log. New limits apply to stages that start
 * afterwards; deadlines already computed stay as they are.
 */
export async function updateWorkflowSettings(
  db: Db,
  changes: Partial<WorkflowSettings>,
  by: SettingsChangedBy,
): Promise<WorkflowSettings> {
  await db.transaction(async (tx) => {
    // one writer at a time, so the audit's "before" is what the change replaced
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('workflow_settings'))`);
    const before = await readWorkflowSettings(tx);
    for (const field of Object.keys(changes) as (keyof WorkflowSettings)[]) {
      const value = changes[field];
      if (value === undefined) continue;
      await tx.execute(
        sql`insert into settings (key, value) values (${SETTING_KEYS[field].key}, ${JSON.stringify(value)}::jsonb)
            on conflict (key) do update set value = excluded.value, updated_at = now()`,
      );
    }
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'settings.update',
      entity: 'setting',
      entityId: Object.keys(changes).join(','),
      scopeCode: by.scopeCode,
      before,
      after: await readWorkflowSettings(tx),
      ip: by.ip,
    });
  });
  forgetStageLimits(db);
  return readWorkflowSettings(db);
}
