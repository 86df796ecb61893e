/** A list kept in this phone's localStorage under a key; empty when missing, unreadable or blocked. */
export function readStoredList<T>(key: string): T[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? (parsed as T[]) : [];
  } catch {
    return [];
  }
}

/**
 * Saves a list under a key, cut to its first `max` entries. Storage that is full or blocked keeps nothing,
 * quietly: what the lists hold was shown on screen when it was made.
 */
export function writeStoredList<T>(key: string, list: T[], max: number): void {
  try {
    localStorage.setItem(key, JSON.stringify(list.slice(0, max)));
  } catch {
    // full or blocked (private mode)
  }
}
