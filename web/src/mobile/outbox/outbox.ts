import { ApiError, request } from '../api.ts';
import type { ReportResult } from '../types.ts';
import { deletePending, listPending, type PendingReport, putPending } from './outbox-db.ts';
import { addRecent } from './recent.ts';

export type { PendingReport };

/**
 * What happened to a report handed to `submitReport`; `reason` is the server's sentence when it answered
 * "not now" (429, 503), null when it could not be reached.
 */
export type SubmitOutcome = { kind: 'sent'; result: ReportResult } | { kind: 'saved'; reason: string | null };

/** The server's sentence for a failed attempt, or null when the request never reached it (offline). */
const reasonOf = (err: unknown): string | null =>
  err instanceof ApiError ? (err.status === 0 ? null : err.message) : String(err);

/** Fires `change` whenever the pending list changes and `sent` (detail: SentEvent) when a kept report goes out. */
export const outboxEvents = new EventTarget();

export interface SentEvent {
  key: string;
  result: ReportResult;
  categoryName: string;
}

const RETRY_EVERY_MS = 30_000;
const inFlight = new Set<string>();

function changed(): void {
  outboxEvents.dispatchEvent(new Event('change'));
}

/** What the server answered for a kept visit: its id and the needs with the cases they became. */
export interface VisitResult {
  id: number;
  distanceM: number | null;
  far: boolean;
  needs: { id: number; caseId: number | null; replyDueAt: string | null }[];
}

/** Fires `visit-sent` (detail: the VisitResult) when a kept visit goes out in the background. */
async function sendVisit(report: PendingReport): Promise<VisitResult> {
  const res = await request<{ data: VisitResult }>('POST', '/api/visits', {
    json: { ...report.visit, clientKey: report.key },
  });
  return res.body.data;
}

/** Sends one report as multipart/form-data with its idempotency key; the same key on every attempt. */
async function send(report: PendingReport): Promise<ReportResult> {
  const form = new FormData();
  for (const [name, value] of report.fields) form.append(name, value);
  for (const p of report.photos) form.append(p.field ?? 'photos', p.blob, p.name);
  const res = await request<{ data: ReportResult }>('POST', report.url ?? '/api/cases', {
    form,
    headers: { 'Idempotency-Key': report.key },
  });
  return res.body.data;
}

function remember(report: PendingReport, result: ReportResult): void {
  // only reports have a tracking code to remember; inspection answers are kept on the server's inspection
  if (report.url) return;
  addRecent({
    trackingCode: result.trackingCode,
    categoryName: report.categoryName,
    sentAt: new Date().toISOString(),
  });
}

type Outcome<T> = { kind: 'sent'; result: T } | { kind: 'saved'; reason: string | null };

/**
 * Keeps an item on the phone, then sends it: a closed tab or a lost connection cannot lose it; when the
 * network or the server fails it stays there and is retried later with the same key. A refusal (4xx)
 * removes it again and is thrown for the form to show.
 */
async function keepAndSend<T>(
  item: PendingReport,
  sender: (p: PendingReport) => Promise<T>,
): Promise<Outcome<T>> {
  await putPending(item);
  inFlight.add(item.key);
  try {
    const result = await sender(item);
    await deletePending(item.key);
    return { kind: 'sent', result };
  } catch (err) {
    if (err instanceof ApiError && !err.retryable) {
      await deletePending(item.key);
      throw err;
    }
    const reason = reasonOf(err);
    await putPending({ ...item, attempts: item.attempts + 1, error: reason });
    return { kind: 'saved', reason };
  } finally {
    inFlight.delete(item.key);
    changed();
  }
}

/** Sends a new report through the outbox (see keepAndSend) and remembers its tracking code once sent. */
export async function submitReport(report: PendingReport): Promise<SubmitOutcome> {
  const outcome = await keepAndSend(report, send);
  if (outcome.kind === 'sent') remember(report, outcome.result);
  return outcome;
}

/**
 * Sends a visit through the outbox; its key is the visit's `clientKey`, so the server writes it once however
 * often it arrives.
 */
export function submitVisit(visit: PendingReport): Promise<Outcome<VisitResult>> {
  return keepAndSend(visit, sendVisit);
}

/** Tries once to send one kept report; a refusal marks it failed with the server's reason. */
export async function retryPending(report: PendingReport): Promise<void> {
  if (inFlight.has(report.key)) return;
  inFlight.add(report.key);
  changed();
  try {
    // another flush may have sent it since this one listed it
    if (!(await listPending()).some((r) => r.key === report.key)) return;
    if (report.visit) {
      const visit = await sendVisit(report);
      await deletePending(report.key);
      outboxEvents.dispatchEvent(new CustomEvent<VisitResult>('visit-sent', { detail: visit }));
      return;
    }
    const result = await send(report);
    await deletePending(report.key);
    remember(report, result);
    if (!report.url)
      outboxEvents.dispatchEvent(
        new CustomEvent<SentEvent>('sent', {
          detail: { key: report.key, result, categoryName: report.categoryName },
        }),
      );
  } catch (err) {
    const refused = err instanceof ApiError && !err.retryable;
    await putPending({
      ...report,
      attempts: report.attempts + 1,
      status: refused ? 'failed' : 'waiting',
      error: reasonOf(err),
    });
  } finally {
    inFlight.delete(report.key);
    changed();
  }
}

/** True while a report is being sent. */
export function isSending(key: string): boolean {
  return inFlight.has(key);
}

/** Tries to send every waiting report (failed ones wait for the user). */
export async function flushOutbox(): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
  for (const report of await listPending()) {
    if (report.status === 'waiting') await retryPending(report);
  }
}

/** Removes a kept report at the user's request. */
export async function discardPending(key: string): Promise<void> {
  await deletePending(key);
  changed();
}

let started = false;

/** Retries kept reports now (the next visit), whenever the phone comes back online, and every 30 s. */
export function startOutbox(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => void flushOutbox());
  window.setInterval(() => void flushOutbox(), RETRY_EVERY_MS);
  void flushOutbox();
}
