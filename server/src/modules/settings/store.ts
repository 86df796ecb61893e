import { sql } from 'drizzle-orm';
import type { Db } from '../../infra/db.ts';
import { writeAudit } from '../audit/write-audit.ts';

/** Who changes settings, for the audit row. */
export interface SettingsChangedBy {
  actorId: string;
  scopeCode: string | null;
  ip: string | null;
}

/**
 * Writes the changed fields of a group of settings, each into its row of the `settings` table, inside the
 * caller's transaction: one writer of the group at a time (an advisory lock named `lock`), so the audit row's
 * "before" is what the change replaced, and "after" is the group as read back.
 */
export async function storeSettings<T extends object>(
  tx: Db,
  group: { lock: string; keyOf: (field: keyof T) => string; read: (db: Db) => Promise<T> },
  changes: Partial<T>,
  by: SettingsChangedBy,
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${group.lock}))`);
  const before = await group.read(tx);
  for (const field of Object.keys(changes) as (keyof T)[]) {
    const value = changes[field];
    if (value === undefined) continue;
    await tx.execute(
      sql`insert into settings (key, value) values (${group.keyOf(field)}, ${JSON.stringify(value)}::jsonb)
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
    after: await group.read(tx),
    ip: by.ip,
  });
}
