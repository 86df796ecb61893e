import { readStoredList, writeStoredList } from '../components/stored-list.ts';

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
  return readStoredList<SentReport>(KEY);
}

/** Remembers a sent report (once per tracking code). */
export function addRecent(report: SentReport): void {
  writeStoredList(KEY, [report, ...listRecent().filter((r) => r.trackingCode !== report.trackingCode)], MAX);
}
