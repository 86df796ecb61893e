import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { SUPERVISION_KEYS, type SupervisionSettings } from './schemas.ts';

/** The supervision settings in force: each row of the settings table over its defaults. */
export async function readSupervisionSettings(db: Db): Promise<SupervisionSettings> {
  const keys = Object.values(SUPERVISION_KEYS).map((s) => s.key);
  const found = await rows<{ key: string; value: unknown }>(
    db,
    sql`select key, value from settings where key = any(${`{${keys.join(',')}}`}::text[])`,
  );
  const byKey = new Map(found.map((r) => [r.key, r.value]));
  const stored = <K extends keyof SupervisionSettings>(f: K) =>
    byKey.get(SUPERVISION_KEYS[f].key) as SupervisionSettings[K] | undefined;
  return {
    // an object stored with fewer fields (an older release) keeps the defaults of the rest
    bulletin: { ...SUPERVISION_KEYS.bulletin.fallback, ...stored('bulletin') },
    morning: { ...SUPERVISION_KEYS.morning.fallback, ...stored('morning') },
    rectificationDays: Number(stored('rectificationDays') ?? SUPERVISION_KEYS.rectificationDays.fallback),
  };
}
