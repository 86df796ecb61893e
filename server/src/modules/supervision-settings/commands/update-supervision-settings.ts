import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { SettingsChangedBy } from '../../settings/commands/update-settings.ts';
import { readSupervisionSettings } from '../queries.ts';
import { SUPERVISION_KEYS, type SupervisionSettings } from '../schemas.ts';

/**
 * Changes some supervision settings (bulletin time, issuer and 文号 prefix; the standing 晨查 plan; the
 * rectification deadline) in one transaction, audited with before and after. The 晨查 point types must exist.
 * New values apply from the next sweep or submission; bulletins and rows already made keep theirs.
 */
export async function updateSupervisionSettings(
  db: Db,
  changes: Partial<SupervisionSettings>,
  by: SettingsChangedBy,
): Promise<SupervisionSettings> {
  const typeIds = [...new Set(changes.morning?.pointTypeIds ?? [])];
  if (changes.morning) changes = { ...changes, morning: { ...changes.morning, pointTypeIds: typeIds } };
  await db.transaction(async (tx) => {
    if (typeIds.length) {
      const known = await one<{ n: number }>(
        tx,
        sql`select count(*)::int as n from inspection_point_types where id = any(${`{${typeIds.join(',')}}`}::int[])`,
      );
      if (known?.n !== typeIds.length)
        throw new AppError('VALIDATION_FAILED', 400, [
          { field: 'body/morning/pointTypeIds', message: 'unknown point type' },
        ]);
    }
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('supervision_settings'))`);
    const before = await readSupervisionSettings(tx);
    for (const field of Object.keys(changes) as (keyof SupervisionSettings)[]) {
      const value = changes[field];
      if (value === undefined) continue;
      await tx.execute(
        sql`insert into settings (key, value) values (${SUPERVISION_KEYS[field].key}, ${JSON.stringify(value)}::jsonb)
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
      after: await readSupervisionSettings(tx),
      ip: by.ip,
    });
  });
  return readSupervisionSettings(db);
}
