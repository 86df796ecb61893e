import { sendData } from './client.ts';

/** Personal fields in clear, as a reveal returns them (kept in component state only, never cached). */
export interface RevealedReporter {
  name: string | null;
  phone: string | null;
}

/** Reveals a case's reporter with a reason; the server records the reveal in the audit log first. */
export function revealReporter(caseId: number, reason: string): Promise<RevealedReporter> {
  return sendData<RevealedReporter>('POST', `/api/cases/${caseId}/reporter/reveal`, { reason });
}
