import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { Sweep } from '../../infra/sweeps.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { type Escalating, escalateAlert } from './commands/escalate-alert.ts';
import { raiseAlert } from './commands/raise-alert.ts';
import { dueAt } from './lapse.ts';
import { readCareEscalation } from './settings.ts';
import { NO_SMS_PROVIDER, type SmsProvider } from './sms.ts';

const BATCH = 500;

/** What one pass did. */
export interface CareSweepResult {
  raised: number;
  escalated: number;
}

/**
 * One pass of the care sweep at `now`: raises an alert for every watched person whose lapse is due (one
 * statement reads them all from the partial index of the persons still watched), then escalates the open
 * alerts nobody has acted on by wall-clock hours since they were raised. Every write claims its row by a
 * conditional update, so any number of processes may run it at once.
 */
export async function sweepCare(
  db: Db,
  cipher: PersonalDataCipher,
  /** `orgPrefix` limits the pass to one area (tests sweep their own tenant only) */
  opts: { now?: Date; sms?: SmsProvider; orgPrefix?: string } = {},
): Promise<CareSweepResult> {
  const now = opts.now ?? new Date();
  const area = opts.orgPrefix ? `${opts.orgPrefix}%` : null;
  const inArea = area
    ? sql`and w.person_id in (select p.id from persons p join org_nodes g on g.id = p.grid_id
        where g.code like ${area})`
    : sql``;
  const due = await rows<{ personId: number }>(
    db,
    sql`select w.person_id as "personId" from care_watched w where ${dueAt(now)} ${inArea} order by w.person_id limit ${BATCH}`,
  );
  let raised = 0;
  for (const d of due) if ((await raiseAlert(db, d.personId, now)) !== null) raised++;
  const hours = await readCareEscalation(db);
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const open = await rows<Escalating & { dutyDue: boolean }>(
    db,
    sql`select a.case_id as "caseId", a.level, c.org_code as "orgCode", a.person_id as "personId",
          a.assignee_id as "assigneeId", a.raised_at <= ${hoursAgo(hours.dutyOfficerHours)} as "dutyDue"
        from care_alerts a join cases c on c.id = a.case_id
        where a.closed_at is null and a.acted_at is null and a.level < 2
          and a.raised_at <= ${hoursAgo(hours.careContactHours)} ${area ? sql`and c.org_code like ${area}` : sql``}
        order by a.raised_at limit ${BATCH}`,
  );
  let escalated = 0;
  for (const a of open) {
    const target = a.dutyDue ? 2 : 1;
    if (target <= a.level) continue;
    if (await escalateAlert(db, a, target, now, cipher, opts.sms ?? NO_SMS_PROVIDER)) escalated++;
  }
  return { raised, escalated };
}

/** The care sweep, every minute (a lapse is hours long; a minute late is within what the watch promises). */
export function careSweep(db: Db, cipher: PersonalDataCipher): Sweep {
  return {
    name: 'care',
    everyMs: 60_000,
    run: async () => {
      const r = await sweepCare(db, cipher);
      return r.raised + r.escalated;
    },
  };
}
