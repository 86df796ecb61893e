/** A report this phone sent, so its tracking code can be found again from the home page. */
export interface SentReport {
  trackingCode: string;
  categoryName: string;
  sentAt: string;
}

const KEY = 'civicgrid.m.recent';
const MAX = 20;

/** The reports sent from this phone, newest first. */
export function listRecent(): SentReport[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as SentReport[]) : [];
  } catch {
    return [];
  }
}

/** Remembers a sent report (once per tracking code). */
export function addRecent(report: SentReport): void {
  const rest = listRecent().filter((r) => r.trackingCode !== report.trackingCode);
  try {
    localStorage.setItem(KEY, JSON.stringify([report, ...rest].slice(0, MAX)));
  } catch {
    // storage full or blocked: the code was shown on screen when it was sent
  }
}
