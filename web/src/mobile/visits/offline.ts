import { readStoredList, writeStoredList } from '../components/stored-list.ts';
import { deletePendingVisits } from '../outbox/outbox-db.ts';
import type { HouseholdItem } from './visit-types.ts';

const PREFIX = 'civicgrid.m.visits.';
const MAX = 500;

/** A name as the phone keeps it: the surname and, from three characters on, the last (张*, 张*明, 欧**明). */
export function maskName(name: string): string {
  const chars = Array.from(name.normalize('NFKC').trim());
  if (chars.length <= 1) return '*';
  return chars.length === 2 ? `${chars[0]}*` : chars[0] + '*'.repeat(chars.length - 2) + chars.at(-1);
}

/**
 * The households of the last list the worker loaded, kept so the list still opens without a connection. The
 * screen shows the head's name in clear (the archive's rule); what stays on the phone is masked (张*明; the
 * addresses come masked from the server), and it is wiped at logout.
 */
export function keepHouseholds(userId: string, list: HouseholdItem[]): void {
  const masked = list.map((h) => ({ ...h, head: h.head === null ? null : maskName(h.head) }));
  writeStoredList(`${PREFIX}${userId}`, masked, MAX);
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
