import { FIVE_STAR_SCOPES } from '@civicgrid/shared';
import type { Db } from '../../../infra/db.ts';
import { findStandard } from '../queries.ts';
import { saveStandard } from './save-standard.ts';

/**
 * Starts a year's standards from the year before (or from the default where that year had none), for both
 * scopes. Overwrites what the year held: the console asks before calling it.
 */
export async function copyStandard(
  db: Db,
  input: { districtCode: string; year: number },
  by: { actorId: string; ip: string },
): Promise<void> {
  for (const scope of FIVE_STAR_SCOPES) {
    const last = await findStandard(db, input.districtCode, input.year - 1, scope);
    await saveStandard(db, { ...input, scope, stars: last.stars }, by);
  }
}
