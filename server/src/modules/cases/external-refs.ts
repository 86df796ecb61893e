import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { AppError, invalid } from '../../infra/errors.ts';

/**
 * The outside systems whose numbers a case keeps: the 12345 hotline's ticket (工单号), entered by the call taker
 * or sent by the hotline platform, so the result can be sent back under it (the `hotline` webhook format).
 */
export type ExternalSystem = 'hotline';

/** Throws 400 unless a ticket comes with the hotline channel, and 409 when another case already has it. */
export async function assertTicketFree(
  db: Db,
  source: string,
  ref: string | null | undefined,
): Promise<void> {
  if (!ref) return;
  if (source !== 'hotline') {
    throw invalid([
      {
        field: 'body/externalRef',
        message: { zh: '只有 12345 热线案件有工单号', en: 'only 12345 hotline cases have a ticket number' },
      },
    ]);
  }
  if (await caseOfTicket(db, ref)) throw new AppError('TICKET_TAKEN', 409, [{ field: 'body/externalRef' }]);
}

/** The case a ticket names, if any. */
export async function caseOfTicket(db: Db, ref: string): Promise<number | null> {
  const row = await one<{ caseId: number }>(
    db,
    sql`select case_id as "caseId" from case_external_refs where system = 'hotline' and ref = ${ref}`,
  );
  return row?.caseId ?? null;
}

/**
 * Records the ticket of a case just written. After the intake's own transaction (its batched insert stays
 * untouched); a repeat of the same report changes nothing, and a ticket taken meanwhile by a concurrent
 * report is left with that one (the hotline sends each ticket once, with its Idempotency-Key).
 */
export async function recordTicket(db: Db, caseId: number, ref: string): Promise<void> {
  await db.execute(
    sql`insert into case_external_refs (case_id, system, ref) values (${caseId}, 'hotline', ${ref})
        on conflict do nothing`,
  );
}
