import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { escalateOverdue } from '../cases/escalation-sweep.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';
import { sweepCare } from './care-sweep.ts';
import { recordOutcome } from './commands/record-outcome.ts';
import { recordSightings } from './commands/record-sightings.ts';
import { alertsOf, type CareWorld, careWorld, enrolElders } from './test-fixtures.ts';

let db: Db;
let w: CareWorld;
const H = 3_600_000;
const t0 = new Date('2026-11-02T00:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * H);
const cipher = testCipher();

beforeAll(async () => {
  db = (await testDatabase()).db;
  w = await careWorld(db);
});

const stepsOf = (caseId: number) =>
  rows<{ kind: string; level: number; recipients: string[]; delivered: number; note: string | null }>(
    db,
    sql`select kind, level, recipients, delivered, note from care_alert_steps where case_id = ${caseId} order by id`,
  );

describe('the care sweep', () => {
  it('raises exactly one urgent 12.01 alert per lapse, assigned to the grid worker, even with two sweeps', async () => {
    const [elder] = await enrolElders(db, w, 1, { from: at(0) });
    await recordSightings(db, [{ personId: elder!, seenAt: at(1), source: 'checkin' }]);
    expect(
      (await Promise.all([sweepCare(db, cipher, { now: at(24.9), orgPrefix: w.t.district.code })]))[0]!
        .raised,
    ).toBe(0);
    const [a, b] = await Promise.all([
      sweepCare(db, cipher, { now: at(25), orgPrefix: w.t.district.code }),
      sweepCare(db, cipher, { now: at(25), orgPrefix: w.t.district.code }),
    ]);
    expect(a!.raised + b!.raised).toBe(1);
    const alerts = await alertsOf(db, [elder!]);
    expect(alerts).toHaveLength(1);
    const c = await one<{ categoryCode: string; urgency: string; assigneeId: string; description: string }>(
      db,
      sql`select category_code as "categoryCode", urgency, assignee_id as "assigneeId", description
          from cases where id = ${alerts[0]!.caseId}`,
    );
    expect(c).toMatchObject({ categoryCode: '12.01', urgency: 'urgent', assigneeId: w.gridWorker.id });
    expect(c!.description).toContain('最后一次见到：11-02 09:00');
    const raised = await stepsOf(alerts[0]!.caseId);
    expect(raised).toEqual([
      expect.objectContaining({ kind: 'raised', recipients: [w.gridWorker.id], delivered: 1 }),
    ]);
    // a later sweep and a new lapse while the alert is open raise nothing more
    expect((await sweepCare(db, cipher, { now: at(60), orgPrefix: w.t.district.code })).raised).toBe(0);
    expect(await alertsOf(db, [elder!])).toHaveLength(1);
  }, 120_000);

  it('escalates on wall-clock time to the care contact, then the duty officer and the family', async () => {
    const [elder] = await enrolElders(db, w, 1, { from: at(100) });
    await sweepCare(db, cipher, { now: at(124), orgPrefix: w.t.district.code });
    const [alert] = await alertsOf(db, [elder!]);
    // the working-time overdue sweep leaves care alerts alone
    await escalateOverdue(db, { now: at(150), orgPrefix: w.t.district.code });
    await sweepCare(db, cipher, { now: at(125.9), orgPrefix: w.t.district.code });
    expect((await alertsOf(db, [elder!]))[0]!.level).toBe(0);
    await sweepCare(db, cipher, { now: at(126), orgPrefix: w.t.district.code });
    await sweepCare(db, cipher, { now: at(130), orgPrefix: w.t.district.code });
    const steps = await stepsOf(alert!.caseId);
    expect(steps.map((s) => s.kind)).toEqual([
      'raised',
      'care_contact',
      'duty_officer',
      'family_task',
      'sms',
    ]);
    expect(steps[1]).toMatchObject({ recipients: [w.communityStaff.id], delivered: 1 });
    expect(steps[2]).toMatchObject({ recipients: [w.streetStaff.id], delivered: 1 });
    expect(steps[3]).toMatchObject({ recipients: [w.gridWorker.id], delivered: 1 });
    expect(steps[4]).toMatchObject({ delivered: 0, note: 'no SMS provider configured: not sent' });
    const events = await rows<{ action: string }>(
      db,
      sql`select action from case_events where case_id = ${alert!.caseId} order by id`,
    );
    expect(events.map((e) => e.action)).not.toContain('escalate');
  }, 120_000);

  it('goes one level up when an area has no one to tell, so no escalation reaches nobody', async () => {
    // grid 2 lies in the second community of street 1, which has no community staff
    const [elder] = await enrolElders(db, w, 1, { from: at(300), grid: 2 });
    await sweepCare(db, cipher, { now: at(324), orgPrefix: w.t.district.code });
    const [alert] = await alertsOf(db, [elder!]);
    await sweepCare(db, cipher, { now: at(326), orgPrefix: w.t.district.code });
    const steps = await stepsOf(alert!.caseId);
    expect(steps[1]).toMatchObject({ kind: 'care_contact', recipients: [w.streetStaff.id], delivered: 1 });
  }, 120_000);

  it('closes the alert with the outcome; deceased ends the watch and updates the archive', async () => {
    const [safe, gone] = await enrolElders(db, w, 2, { from: at(200) });
    await sweepCare(db, cipher, { now: at(224), orgPrefix: w.t.district.code });
    const alerts = await alertsOf(db, [safe!, gone!]);
    const orgCode = w.t.grids[0]!.code;
    const byPerson = (id: number) => alerts.find((a) => a.personId === id)!;
    await recordOutcome(
      db,
      w.actor,
      { caseId: byPerson(safe!).caseId, personId: safe!, orgCode },
      { outcome: 'safe', note: '老人在家睡觉，手机没电' },
      'test',
      at(225),
    );
    await recordOutcome(
      db,
      w.actor,
      { caseId: byPerson(gone!).caseId, personId: gone!, orgCode },
      { outcome: 'deceased', note: '家属确认' },
      'test',
      at(225),
    );
    const closed = await rows<{ state: string }>(
      db,
      sql`select state from cases where id in (${byPerson(safe!).caseId}, ${byPerson(gone!).caseId})`,
    );
    expect(closed.map((c) => c.state)).toEqual(['closed', 'closed']);
    const person = await one<{ status: string }>(db, sql`select status from persons where id = ${gone}`);
    expect(person!.status).toBe('deceased');
    // no escalation after the outcome, and the next lapse of the safe elder counts from the outcome
    expect((await sweepCare(db, cipher, { now: at(248.9), orgPrefix: w.t.district.code })).raised).toBe(0);
    expect((await sweepCare(db, cipher, { now: at(249), orgPrefix: w.t.district.code })).raised).toBe(1);
    expect(await alertsOf(db, [gone!])).toHaveLength(1);
  }, 120_000);

  it('counts as delivered the notifications written, not the recipients named: a disabled grid worker gets none', async () => {
    const other = await careWorld(db);
    await db.execute(sql`update users set disabled = true where id = ${other.gridWorker.id}::uuid`);
    const [elder] = await enrolElders(db, other, 1, { from: at(0) });
    expect((await sweepCare(db, cipher, { now: at(25), orgPrefix: other.t.district.code })).raised).toBe(1);
    const [alert] = await alertsOf(db, [elder!]);
    expect(await stepsOf(alert!.caseId)).toEqual([
      expect.objectContaining({ kind: 'raised', recipients: [other.gridWorker.id], delivered: 0 }),
    ]);
  }, 120_000);
});
