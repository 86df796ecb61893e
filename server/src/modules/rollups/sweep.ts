import type { Db } from '../../infra/db.ts';
import type { Sweep } from '../../infra/sweeps.ts';
import { refreshRollups } from './commands/refresh-rollups.ts';

/**
 * The rollup sweep: every 30 s closes finished days and recomputes dirty ones (refreshRollups). Any server
 * process may run it: a pass claims the state row and skips when another process holds it. KPI answers do not
 * wait for it (rollups/queries.ts computes what is not closed or is dirty), so its lag only costs query time.
 */
export function rollupSweep(db: Db, everyMs = 30_000): Sweep {
  return { name: 'rollups', everyMs, run: () => refreshRollups(db) };
}
