import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { type SettingsChangedBy, storeSettings } from '../../settings/store.ts';
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
    await storeSettings<SupervisionSettings>(
      tx,
      { lock: 'supervision_settings', keyOf: (f) => SUPERVISION_KEYS[f].key, read: readSupervisionSettings },
      changes,
      by,
    );
  });
  return readSupervisionSettings(db);
}
