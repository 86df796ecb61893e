import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import type { ScoreSettings } from '../formulas.ts';
import { SCORE_SETTINGS_KEY } from '../settings.ts';

const sums = (terms: ScoreSettings['unit']) => terms.reduce((s, t) => s + t.weight, 0);

/**
 * Replaces the score weights and the ranking minimum (an administrator's change, audited). Each score's weights
 * must add up to 1, so scores stay on 0–100 and the grade bounds keep their meaning. Weeks already evaluated
 * keep the settings they were scored with (stored on `score_weeks`).
 */
export async function saveScoreSettings(
  db: Db,
  actor: Actor,
  next: ScoreSettings,
  before: ScoreSettings,
): Promise<ScoreSettings> {
  if (Math.abs(sums(next.unit) - 1) > 0.001 || Math.abs(sums(next.area) - 1) > 0.001) {
    throw new AppError('SCORE_WEIGHTS_SUM', 400);
  }
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into settings (key, value) values (${SCORE_SETTINGS_KEY}, ${JSON.stringify(next)}::jsonb)
          on conflict (key) do update set value = excluded.value, updated_at = now()`,
    );
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'score.settings',
      entity: 'settings',
      entityId: SCORE_SETTINGS_KEY,
      scopeCode: null,
      before,
      after: next,
    });
    return next;
  });
}
