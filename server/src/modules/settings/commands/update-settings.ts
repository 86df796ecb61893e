import type { Db } from '../../../infra/db.ts';
import { forgetStageLimits } from '../../cases/deadlines.ts';
import { readWorkflowSettings } from '../queries.ts';
import { SETTING_KEYS, type WorkflowSettings } from '../schemas.ts';
import { type SettingsChangedBy, storeSettings } from '../store.ts';

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
  await db.transaction((tx) =>
    storeSettings<WorkflowSettings>(
      tx,
      { lock: 'workflow_settings', keyOf: (f) => SETTING_KEYS[f].key, read: readWorkflowSettings },
      changes,
      by,
    ),
  );
  forgetStageLimits(db);
  return readWorkflowSettings(db);
}
