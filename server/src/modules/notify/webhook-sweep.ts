import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { OutboundPolicy, type Resolve } from '../../infra/outbound.ts';
import type { Sweep } from '../../infra/sweeps.ts';
import { bulletinRequest } from '../bulletins/delivery.ts';
import { publicMessage, staffMessage } from './delivery-message.ts';
import { buildRequest, type DeliveryContext } from './webhook-request.ts';
import { type AttemptResult, sendRequest } from './webhook-transport.ts';

/** Waits after failed attempts 1–5; the 6th failure is final. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
// a claimed delivery whose process died mid-send becomes due again after this long
const LEASE_MS = 10 * 60_000;
const PARALLEL = 8;

export interface WebhookSweepOptions {
  everyMs?: number;
  batch?: number;
  timeoutMs?: number;
  /** PUBLIC_URL: the console's address for links in messages */
  publicUrl?: string | null;
  /** WEBHOOK_ALLOW_HOSTS: internal destinations the operator allows */
  allowHosts?: readonly string[];
  /** the resolver (tests replace it to change DNS answers between creation and sending) */
  resolve?: Resolve;
}

interface SendSettings {
  timeoutMs: number;
  publicUrl: string | null;
  outbound: OutboundPolicy;
}

/** The sweep that sends due webhook deliveries; safe with several processes (each row is claimed first). */
export function webhookSweep(db: Db, opts: WebhookSweepOptions = {}): Sweep {
  const batch = opts.batch ?? 50;
  const settings: SendSettings = {
    timeoutMs: opts.timeoutMs ?? 5_000,
    publicUrl: opts.publicUrl ?? null,
    outbound: new OutboundPolicy(opts.allowHosts ?? [], opts.resolve),
  };
  return { name: 'webhooks', everyMs: opts.everyMs ?? 5_000, run: () => deliverDue(db, batch, settings) };
}

/** Sends up to `batch` due deliveries, a few at a time; returns how many this process claimed and tried. */
async function deliverDue(db: Db, batch: number, settings: SendSettings): Promise<number> {
  const due = await rows<{ id: number; attempt: number }>(
    db,
    sql`select id, attempt from webhook_deliveries
        where status = 'pending' and next_at <= now() order by next_at, id limit ${batch}`,
  );
  let handled = 0;
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const d = due[next++]!;
      if (await deliverOne(db, d, settings)) handled++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, worker));
  return handled;
}

/**
 * Claims one delivery (a conditional UPDATE on its attempt counter: of two processes, one wins), sends it
 * and records the outcome. Returns false when another process claimed it first.
 */
async function deliverOne(db: Db, d: { id: number; attempt: number }, s: SendSettings): Promise<boolean> {
  const claimed = await one<{ attempt: number; bulletinId: number | null }>(
    db,
    sql`update webhook_deliveries set attempt = attempt + 1, next_at = now() + ${`${LEASE_MS} milliseconds`}::interval
        where id = ${d.id} and status = 'pending' and attempt = ${d.attempt} and next_at <= now()
        returning attempt, bulletin_id as "bulletinId"`,
  );
  if (!claimed) return false;
  // a bulletin's summary (bulletins/delivery.ts) or a case event's message, sent the same way
  const request =
    claimed.bulletinId !== null
      ? await bulletinRequest(db, d.id, s.publicUrl)
      : await loadDelivery(db, d.id, s.publicUrl).then((ctx) => ctx && buildRequest(ctx));
  const result: AttemptResult = !request
    ? {
        ok: false,
        statusCode: null,
        error: 'webhook inactive, or the step is no longer public',
        durationMs: 0,
      }
    : await sendRequest(request, s);
  await recordAttempt(db, d.id, claimed.attempt, result, request === null);
  return true;
}

/** Writes the outcome of an attempt: delivered, retry later (back-off), or failed for good. */
async function recordAttempt(db: Db, id: number, attempt: number, r: AttemptResult, final: boolean) {
  const status = r.ok ? 'delivered' : final || attempt >= MAX_ATTEMPTS ? 'failed' : 'pending';
  const delay = status === 'pending' ? RETRY_DELAYS_MS[attempt - 1]! : 0;
  await db.execute(
    sql`update webhook_deliveries set status = ${status}, last_status_code = ${r.statusCode}::integer,
          last_error = ${r.error}, last_duration_ms = ${r.durationMs}::integer, delivered_at = ${r.ok ? sql`now()` : sql`null`},
          next_at = now() + ${`${delay} milliseconds`}::interval
        where id = ${id} and attempt = ${attempt}`,
  );
}

/**
 * A claimed delivery with its hook and message; null when the hook was switched off meanwhile (or the step is
 * no longer public, for a personal hook). Personal hooks (no unit, no org area) get the public message.
 */
async function loadDelivery(db: Db, id: number, publicUrl: string | null): Promise<DeliveryContext | null> {
  const row = await one<
    Omit<DeliveryContext, 'message' | 'publicUrl'> & { active: boolean; personal: boolean }
  >(
    db,
    sql`select d.id as "deliveryId", d.event_id as "eventId", w.url, w.format, w.secret, w.active,
          w.unit_id is null and w.org_code is null as personal
        from webhook_deliveries d join webhooks w on w.id = d.webhook_id
        where d.id = ${id}`,
  );
  if (!row?.active) return null;
  const { active: _active, personal, ...hook } = row;
  const message = personal ? await publicMessage(db, row.eventId) : await staffMessage(db, row.eventId);
  return message ? { ...hook, publicUrl, message } : null;
}
