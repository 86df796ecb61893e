import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../../infra/db.ts';
import { recordNotifiedCaseEvent } from '../../cases/commands/record-event.ts';
import { districtToday } from '../../people/present-person.ts';
import type { PersonalDataCipher } from '../../personal-data/cipher.ts';
import { unseal } from '../../personal-data/fields.ts';
import { onDuty } from '../roster-queries.ts';
import type { SmsProvider } from '../sms.ts';

/** An open, unanswered alert as the escalation read it. */
export interface Escalating {
  caseId: number;
  level: number;
  orgCode: string;
  personId: number;
  assigneeId: string | null;
}

// Whom each level tells: the care contacts the community's roster names for level 1, the duty officers (值班) the
// street's roster names for level 2 (care_roster, kept in the console). Where the roster names no one, the roles
// below in order of preference: the community's staff, the street's staff. When an area has no one in that role
// the step goes one level up, so an escalation never reaches nobody (a care alert is about a life).
const STEP = {
  1: {
    kind: 'care_contact',
    to: [
      ['community_staff', 12],
      ['street_staff', 9],
      ['district_admin', 6],
    ],
    zh: '关爱预警升级：2小时内无人处置，请社区关爱联系人跟进',
  },
  2: {
    kind: 'duty_officer',
    to: [
      ['street_staff', 9],
      ['district_admin', 6],
    ],
    zh: '关爱预警升级：6小时内无人处置，请街道值班人员跟进',
  },
} as const;

/** The active accounts with `role` at the org node `code`. */
async function staffAt(tx: Db, role: string, code: string): Promise<string[]> {
  const found = await rows<{ userId: string }>(
    tx,
    sql`select distinct g.user_id as "userId" from grants g join org_nodes n on n.id = g.org_node_id
        join users u on u.id = g.user_id
        where n.code = ${code} and g.role = ${role} and not u.disabled order by 1`,
  );
  return found.map((s) => s.userId);
}

/**
 * Whom a level tells: the people the area's roster names on duty today (the community's care contacts, the
 * street's duty officers); when it names no one, the first of the level's roles present for the alert's area.
 * Returns the org code they were found at and how.
 */
async function recipientsOf(
  tx: Db,
  a: Escalating,
  level: 1 | 2,
  now: Date,
): Promise<{ to: string; users: string[]; via: 'roster' | 'role' }> {
  const area = a.orgCode.slice(0, STEP[level].to[0][1]);
  const named = await onDuty(tx, area, STEP[level].kind, districtToday(now));
  if (named.length) return { to: area, users: named, via: 'roster' };
  return { ...(await byRole(tx, a, level)), via: 'role' };
}

/** The first of a level's roles with someone at the alert's area, and the org code they were found at. */
async function byRole(tx: Db, a: Escalating, level: 1 | 2): Promise<{ to: string; users: string[] }> {
  for (const [role, length] of STEP[level].to) {
    const code = a.orgCode.slice(0, length);
    const users = await staffAt(tx, role, code);
    if (users.length) return { to: code, users };
  }
  return { to: a.orgCode.slice(0, STEP[level].to[0][1]), users: [] };
}

async function step(tx: Db, a: Escalating, level: 1 | 2, now: Date): Promise<void> {
  const s = STEP[level];
  const { to, users: recipients, via } = await recipientsOf(tx, a, level, now);
  const { notified } = await recordNotifiedCaseEvent(tx, {
    caseId: a.caseId,
    action: 'care_escalate',
    fromState: 'reported',
    toState: 'reported',
    actorId: null,
    actorRole: 'system',
    data: { level, to, via },
    recipients,
    body: s.zh,
  });
  await tx.execute(
    sql`insert into care_alert_steps (case_id, at, kind, level, recipients, delivered)
        values (${a.caseId}, ${now}, ${s.kind}, ${level}, ${`{${recipients.join(',')}}`}::uuid[],
          ${notified.length})`,
  );
}

/**
 * The family's part of the last step: families have neither the app nor WeCom/DingTalk, so each emergency
 * contact becomes a "call the family" task on the grid worker's phone (a notification and a timeline entry)
 * and a text message through the SMS provider (none is wired in: recorded as not sent). Neither the task nor
 * the timeline holds the contact's name or number; the phone reveals them with an audit row.
 */
async function familySteps(tx: Db, a: Escalating, now: Date, cipher: PersonalDataCipher, sms: SmsProvider) {
  const contacts = await rows<{ id: number; relation: string; phoneEnc: string }>(
    tx,
    sql`select id, relation, phone_enc as "phoneEnc" from care_contacts where person_id = ${a.personId} order by ord`,
  );
  for (const c of contacts) {
    const recipients = a.assigneeId ? [a.assigneeId] : [];
    const { notified } = await recordNotifiedCaseEvent(tx, {
      caseId: a.caseId,
      action: 'care_family_call',
      fromState: 'reported',
      toState: 'reported',
      actorId: null,
      actorRole: 'system',
      data: { contactId: c.id, relation: c.relation },
      recipients,
      body: `请致电被关爱人的紧急联系人（${c.relation}）告知情况`,
    });
    await tx.execute(
      sql`insert into care_alert_steps (case_id, at, kind, level, recipients, delivered, contact_id)
          values (${a.caseId}, ${now}, 'family_task', 2, ${`{${recipients.join(',')}}`}::uuid[],
            ${notified.length}, ${c.id})`,
    );
    const phone = unseal(cipher, c.phoneEnc) ?? '';
    const result = await sms.send(
      phone,
      '【关爱守护】您登记的家人已较长时间未被见到，社区正在确认其安全，请尽快与家人或社区联系。',
    );
    await tx.execute(
      sql`insert into care_alert_steps (case_id, at, kind, level, delivered, contact_id, note)
          values (${a.caseId}, ${now}, 'sms', 2, ${result.sent ? 1 : 0}, ${c.id}, ${result.note})`,
    );
  }
}

/**
 * Moves one unanswered alert up to `target` (1 care contact, 2 duty officer and family), telling each level
 * passed on the way (a sweep that was down for hours still tells everyone, in order). Claimed by a conditional
 * update on the level read, so with several processes each step happens once; an alert answered or closed
 * meanwhile is left alone. Returns whether this call did it.
 */
export async function escalateAlert(
  db: Db,
  a: Escalating,
  target: 1 | 2,
  now: Date,
  cipher: PersonalDataCipher,
  sms: SmsProvider,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const claimed = await one(
      tx,
      sql`update care_alerts set level = ${target}, escalated_at = ${now}
          where case_id = ${a.caseId} and level = ${a.level} and closed_at is null and acted_at is null
          returning case_id`,
    );
    if (!claimed) return false;
    for (let level = a.level + 1; level <= target; level++) {
      await step(tx, a, level as 1 | 2, now);
      if (level === 2) await familySteps(tx, a, now, cipher, sms);
    }
    return true;
  });
}
