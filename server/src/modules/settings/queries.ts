import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { SETTING_KEYS, STAGES, type WorkflowSettings } from './schemas.ts';

/** The workflow settings in force: each row of the settings table, or its default when there is none. */
export async function readWorkflowSettings(db: Db): Promise<WorkflowSettings> {
  const keys = Object.values(SETTING_KEYS).map((s) => s.key);
  const found = await rows<{ key: string; value: unknown }>(
    db,
    sql`select key, value from settings where key = any(${`{${keys.join(',')}}`}::text[])`,
  );
  const byKey = new Map(found.map((r) => [r.key, r.value]));
  const value = <K extends keyof WorkflowSettings>(field: K): WorkflowSettings[K] =>
    (byKey.get(SETTING_KEYS[field].key) as WorkflowSettings[K] | undefined) ?? SETTING_KEYS[field].fallback;
  const stored = value('stageLimits');
  // a stage missing from the stored JSON keeps its default, as the deadline clock does
  const stageLimits = Object.fromEntries(
    STAGES.map((s) => [s, stored[s] ?? SETTING_KEYS.stageLimits.fallback[s]]),
  ) as WorkflowSettings['stageLimits'];
  return {
    stageLimits,
    ratingWindowDays: Number(value('ratingWindowDays')),
    reopenEscalationThreshold: Number(value('reopenEscalationThreshold')),
    duplicateWindowDays: Number(value('duplicateWindowDays')),
  };
}
