import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { PgCluster } from './pg-cluster.ts';

/** One POST /api/cases and what came of it. */
export interface Attempt {
  key: string;
  description: string;
  /** when it was sent and how long the answer took (ms since the epoch, ms) */
  at: number;
  ms: number;
  /** the HTTP status, or null when no answer came (connection refused or cut, or no answer in time) */
  status: number | null;
  /** the error code of a refusal (DB_UNAVAILABLE …) */
  code?: string;
  id?: number;
  trackingCode?: string;
  /** why there was no answer */
  failure?: string;
}

/** An answer slower than this counts as a hang. */
export const HANG_MS = 10_000;

/** Sends one report as the given bearer token with its Idempotency-Key. */
export async function send(url: string, token: string, key: string, description: string): Promise<Attempt> {
  const at = Date.now();
  try {
    const res = await fetch(`${url}/api/cases`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': key,
      },
      body: JSON.stringify({ source: 'hotline', categoryCode: '05.02', description }),
      signal: AbortSignal.timeout(HANG_MS),
    });
    const body = (await res.json().catch(() => null)) as {
      data?: { id: number; trackingCode: string };
      error?: { code: string };
    } | null;
    return {
      key,
      description,
      at,
      ms: Date.now() - at,
      status: res.status,
      code: body?.error?.code,
      id: body?.data?.id,
      trackingCode: body?.data?.trackingCode,
    };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const failure = e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { key, description, at, ms: Date.now() - at, status: null, failure };
  }
}

/**
 * Concurrent intake: `workers` loops each sending a new report (its own Idempotency-Key and description)
 * as soon as the previous one is answered, until stop().
 */
export class Intake {
  readonly attempts: Attempt[] = [];
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(
    private readonly url: string,
    private readonly token: string,
    readonly prefix: string,
    workers = 8,
  ) {
    this.loops = Array.from({ length: workers }, () => this.loop());
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const key = randomUUID();
      const a = await send(this.url, this.token, key, `${this.prefix} ${key}`);
      this.attempts.push(a);
      // refused or no answer: wait a moment before the next report, as a client honouring Retry-After would
      // (shorter than the header says, to keep probing the outage)
      if (a.status !== 201) await new Promise((r) => setTimeout(r, a.status === null ? 250 : 100));
    }
  }

  /** How many reports were acknowledged (201) so far. */
  get acked(): number {
    return this.attempts.filter((a) => a.status === 201).length;
  }

  /** Waits until n more reports than now have been acknowledged. */
  async moreAcked(n: number, timeoutMs = 30_000): Promise<void> {
    const target = this.acked + n;
    const deadline = Date.now() + timeoutMs;
    while (this.acked < target) {
      if (Date.now() > deadline)
        throw new Error(`intake stalled: ${this.acked} acknowledged, wanted ${target}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<Attempt[]> {
    this.running = false;
    await Promise.all(this.loops);
    return this.attempts;
  }
}

/** Counts of the answers, for the test log and the assertions. */
export function tally(attempts: Attempt[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of attempts) {
    const k = a.status === null ? `no answer (${a.failure})` : `${a.status}${a.code ? ` ${a.code}` : ''}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/**
 * The proof that no acknowledged report was lost and none was stored twice:
 * 1. every 201 answer's case exists with its id, its tracking code and its first event ('report');
 * 2. every report that was not acknowledged is sent again with the same Idempotency-Key and is now
 *    acknowledged: 201 (it had not been stored) or 200 with its first case (its COMMIT had happened but the
 *    answer was lost);
 * 3. afterwards the database holds exactly one case per report sent, each one acknowledged to its sender.
 */
export async function proveNothingLost(
  pg: PgCluster,
  database: string,
  url: string,
  token: string,
  intake: { prefix: string; attempts: Attempt[] },
): Promise<{ acked: number; retried: number; replayed: number }> {
  type Row = { id: number; trackingCode: string; description: string; reported: boolean };
  const stored = () =>
    pg.query<Row>(
      database,
      `select c.id, c.tracking_code as "trackingCode", c.description,
         exists (select 1 from case_events e where e.case_id = c.id and e.action = 'report') as reported
       from cases c where c.description like $1 || ' %'`,
      [intake.prefix],
    );
  const acked = intake.attempts.filter((a) => a.status === 201);
  const before = new Map((await stored()).map((r) => [r.id, r]));
  for (const a of acked) {
    expect(before.get(a.id!), `acknowledged case ${a.id} (${a.trackingCode})`).toEqual({
      id: a.id,
      trackingCode: a.trackingCode,
      description: a.description,
      reported: true,
    });
  }

  const unanswered = intake.attempts.filter((a) => a.status !== 201);
  const retries: Attempt[] = [];
  for (let i = 0; i < unanswered.length; i += 8) {
    const batch = unanswered.slice(i, i + 8);
    retries.push(...(await Promise.all(batch.map((a) => send(url, token, a.key, a.description)))));
  }
  for (const r of retries) expect([200, 201], `retry of ${r.key}: ${JSON.stringify(r)}`).toContain(r.status);

  const answered = new Map<string, number>();
  for (const a of [...acked, ...retries]) answered.set(a.description, a.id!);
  const after = await stored();
  expect(after.length, 'cases stored = reports sent').toBe(answered.size);
  for (const r of after) {
    expect(answered.get(r.description), `case ${r.id} belongs to an acknowledged report`).toBe(r.id);
    expect(r.reported).toBe(true);
  }
  return {
    acked: acked.length,
    retried: retries.length,
    replayed: retries.filter((r) => r.status === 200).length,
  };
}
