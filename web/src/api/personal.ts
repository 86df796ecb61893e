import type { RevealedReporter } from '@civicgrid/shared';
import { sendData } from './client.ts';

/**
 * Reveals a case's reporter with a reason; the server records the reveal in the audit log first. Callers keep
 * the answer in component state only, never in the query cache.
 */
export function revealReporter(caseId: number, reason: string): Promise<RevealedReporter> {
  return sendData<RevealedReporter>('POST', `/api/cases/${caseId}/reporter/reveal`, { reason });
}
