import { readStoredList, writeStoredList } from '../components/stored-list.ts';
import { deletePendingVisits } from '../outbox/outbox-db.ts';
import type { HouseholdItem } from './visit-types.ts';

const PREFIX = 'civicgrid.m.visits.';
const MAX = 500;

/**
 * The households of the last list the worker loaded, kept so the list still opens without a connection. It
 * holds only what the server sent, which is masked (张*, 富民社区*号楼…), and is wiped at logout.
 */
export function keepHouseholds(userId: string, list: HouseholdItem[]): void {
  writeStoredList(`${PREFIX}${userId}`, list, MAX);
}

/** The kept list of this user (empty when none). */
export function keptHouseholds(userId: string): HouseholdItem[] {
  return readStoredList<HouseholdItem>(`${PREFIX}${userId}`);
}

/** Removes everything the visit pages kept on this phone: cached households and visits not yet sent. */
export async function wipeVisitData(): Promise<void> {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch {
    // storage blocked: nothing was kept
  }
  await deletePendingVisits();
}
