import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { DEFAULT_SCORE_SETTINGS, type ScoreSettings } from './formulas.ts';

export const SCORE_SETTINGS_KEY = 'score_settings';

/** The score weights and the ranking minimum in force: the administrator's setting or PRODUCT.md's defaults. */
export async function readScoreSettings(db: Db): Promise<ScoreSettings> {
  const row = await one<{ value: Partial<ScoreSettings> }>(
    db,
    sql`select value from settings where key = ${SCORE_SETTINGS_KEY}`,
  );
  return { ...DEFAULT_SCORE_SETTINGS, ...(row?.value ?? {}) };
}
