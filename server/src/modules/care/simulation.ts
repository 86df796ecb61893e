import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { prng } from '../demo/lattice.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { sweepCare } from './care-sweep.ts';
import { markSeen } from './commands/mark-seen.ts';
import { recordOutcome } from './commands/record-outcome.ts';
import { recordSightings } from './commands/record-sightings.ts';
import { updateWatch } from './commands/update-watch.ts';
import { DEFAULT_CARE_ESCALATION } from './settings.ts';

/**
 * A simulated stretch of time with a test clock (docs/care.md, "Proof"): watched persons are seen at random,
 * some have outages (a day or two unseen) and away periods, and the grid worker answers alerts after a random
 * delay (sometimes calling first, which stops the escalation). At every tick the events up to it are applied
 * and two sweeps run at once; a model of the rules computes, independently of the SQL, which alerts and
 * escalation steps that tick must bring, and the database's new rows are compared with it.
 */
export interface SimulationInput {
  db: Db;
  /** a second handle for the second sweeping process (the same one on PGlite) */
  db2?: Db;
  cipher: PersonalDataCipher;
  actor: Actor;
  orgCode: string;
  personIds: number[];
  start: Date;
  days: number;
  tickMinutes: number;
  seed: number;
  thresholdHours?: number;
}

export interface SimulationResult {
  persons: number;
  ticks: number;
  sightings: number;
  lapses: number;
  alerts: number;
  escalationsExpected: number;
  escalationsFired: number;
  delivered: number;
  mismatches: string[];
  /** where the wall-clock time went, ms: writing sightings, the other events (commands), the two sweeps, the checks */
  phaseMs: { sightings: number; events: number; sweeps: number; checks: number };
}

type Event =
  | { at: number; kind: 'seen'; p: number }
  | { at: number; kind: 'away'; p: number; until: number }
  | { at: number; kind: 'call'; p: number }
  | { at: number; kind: 'safe'; p: number };

interface Person {
  lastSeen: number | null;
  watchFrom: number;
  status: 'home' | 'away';
  until: number | null;
  alertedFor: number | null;
  alert: { caseId: number; raisedAt: number; level: number; acted: boolean } | null;
}

const H = 3_600_000;

/**
 * The events still to come, by time and then in the order they were added (a binary heap): taking a tick's
 * events costs their number times log n, not a pass over every pending event of the week at every tick.
 */
class EventQueue {
  private heap: { e: Event; seq: number }[] = [];
  private seq = 0;

  private before(i: number, j: number): boolean {
    const a = this.heap[i]!;
    const b = this.heap[j]!;
    return a.e.at < b.e.at || (a.e.at === b.e.at && a.seq < b.seq);
  }

  private swap(i: number, j: number): void {
    [this.heap[i], this.heap[j]] = [this.heap[j]!, this.heap[i]!];
  }

  push(events: Event[]): void {
    for (const e of events) {
      this.heap.push({ e, seq: this.seq++ });
      let i = this.heap.length - 1;
      while (i > 0 && this.before(i, (i - 1) >> 1)) {
        this.swap(i, (i - 1) >> 1);
        i = (i - 1) >> 1;
      }
    }
  }

  /** Removes and returns the events at or before `t`, in time order (ties in the order added). */
  takeUntil(t: number): Event[] {
    const out: Event[] = [];
    while (this.heap.length && this.heap[0]!.e.at <= t) {
      out.push(this.heap[0]!.e);
      const last = this.heap.pop()!;
      if (!this.heap.length) break;
      this.heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const m = l + 1 < this.heap.length && this.before(l + 1, l) ? l + 1 : l;
        if (l >= this.heap.length || !this.before(m, i)) break;
        this.swap(i, m);
        i = m;
      }
    }
    return out;
  }
}

/** Each person's sightings and away periods over the stretch, rounded to the minute. */
function schedule(ids: number[], start: number, end: number, r: () => number): Event[] {
  const out: Event[] = [];
  const minute = (t: number) => Math.round(t / 60_000) * 60_000;
  for (const p of ids) {
    let t = start + r() * 3 * H;
    while (t < end) {
      const roll = r();
      if (roll < 0.04) {
        const until = minute(t + (24 + r() * 48) * H);
        out.push({ at: minute(t), kind: 'away', p, until });
        t = until + r() * 30 * H;
        continue;
      }
      out.push({ at: minute(t), kind: 'seen', p });
      t += roll < 0.12 ? (20 + r() * 30) * H : (1 + r() * 9) * H;
    }
  }
  return out;
}

const lapseFrom = (s: Person) =>
  Math.max(s.lastSeen ?? 0, s.watchFrom, s.status !== 'home' ? (s.until ?? 0) : 0);

/** Runs the simulation and returns the counts; `mismatches` lists every difference from the model. */
export async function simulate(input: SimulationInput): Promise<SimulationResult> {
  const { db, cipher, actor, orgCode } = input;
  const r = prng(input.seed);
  const start = input.start.getTime();
  const end = start + input.days * 24 * H;
  const threshold = (input.thresholdHours ?? 24) * H;
  const esc = DEFAULT_CARE_ESCALATION;
  const pending = new EventQueue();
  pending.push(schedule(input.personIds, start, end, r));
  const model = new Map<number, Person>(
    input.personIds.map((p) => [
      p,
      { lastSeen: null, watchFrom: start, status: 'home', until: null, alertedFor: null, alert: null },
    ]),
  );
  const res: SimulationResult = {
    persons: input.personIds.length,
    ticks: 0,
    sightings: 0,
    lapses: 0,
    alerts: 0,
    escalationsExpected: 0,
    escalationsFired: 0,
    delivered: 0,
    mismatches: [],
    phaseMs: { sightings: 0, events: 0, sweeps: 0, checks: 0 },
  };
  let mark = performance.now();
  const phase = (name: keyof SimulationResult['phaseMs']) => {
    const t = performance.now();
    res.phaseMs[name] += t - mark;
    mark = t;
  };
  const ids = `{${input.personIds.join(',')}}`;
  for (let now = start + input.tickMinutes * 60_000; now <= end; now += input.tickMinutes * 60_000) {
    res.ticks++;
    mark = performance.now();
    const due = pending.takeUntil(now);
    const seen = due.filter((e) => e.kind === 'seen');
    await recordSightings(
      db,
      seen.map((e) => ({
        personId: e.p,
        seenAt: new Date(e.at),
        source: 'device' as const,
        deviceId: 1,
        dedupeKey: `sim:${e.p}:${e.at}`,
      })),
    );
    res.sightings += seen.length;
    phase('sightings');
    for (const e of seen) {
      const s = model.get(e.p)!;
      s.lastSeen = Math.max(s.lastSeen ?? 0, e.at);
    }
    for (const e of due) {
      const s = model.get(e.p)!;
      const person = { id: e.p, code: orgCode };
      if (e.kind === 'away') {
        await updateWatch(
          db,
          actor,
          person,
          { status: 'away', statusUntil: new Date(e.until).toISOString() },
          'sim',
          new Date(e.at),
        );
        Object.assign(s, { status: 'away', until: e.until });
      } else if (e.kind === 'call' && s.alert) {
        await markSeen(db, actor, person, 'call', 'sim', new Date(e.at));
        s.lastSeen = Math.max(s.lastSeen ?? 0, e.at);
        s.alert.acted = true;
      } else if (e.kind === 'safe' && s.alert) {
        const alert = { caseId: s.alert.caseId, personId: e.p, orgCode };
        await recordOutcome(db, actor, alert, { outcome: 'safe', note: '模拟：平安' }, 'sim', new Date(e.at));
        Object.assign(s, {
          lastSeen: Math.max(s.lastSeen ?? 0, e.at),
          watchFrom: e.at,
          status: 'home',
          until: null,
          alert: null,
        });
      }
    }
    phase('events');
    // the model: who must be alerted at this tick, which alerts must step up
    const expectRaise = new Map<number, number>();
    const expectSteps = new Set<string>();
    for (const [p, s] of model) {
      if (s.alert) {
        if (s.alert.acted) continue;
        const age = now - s.alert.raisedAt;
        const target = age >= esc.dutyOfficerHours * H ? 2 : age >= esc.careContactHours * H ? 1 : 0;
        for (let l = s.alert.level + 1; l <= target; l++)
          expectSteps.add(`${p}:${l === 1 ? 'care_contact' : 'duty_officer'}`);
        s.alert.level = Math.max(s.alert.level, target);
        continue;
      }
      const paused = s.status !== 'home' && (s.until ?? 0) > now;
      const from = lapseFrom(s);
      if (!paused && from + threshold <= now && s.alertedFor !== from) expectRaise.set(p, from);
    }
    res.lapses += expectRaise.size;
    const sweeps = [sweepCare(db, cipher, { now: new Date(now), orgPrefix: orgCode })];
    sweeps.push(sweepCare(input.db2 ?? db, cipher, { now: new Date(now), orgPrefix: orgCode }));
    await Promise.all(sweeps);
    phase('sweeps');
    const raised = await rows<{ p: number; caseId: number; from: Date }>(
      db,
      sql`select person_id as p, case_id as "caseId", lapse_from as "from" from care_alerts
          where person_id = any(${ids}::int[]) and raised_at = ${new Date(now)}`,
    );
    for (const a of raised) {
      const want = expectRaise.get(a.p);
      if (want === undefined)
        res.mismatches.push(`tick ${new Date(now).toISOString()}: alert for ${a.p} without a lapse`);
      else if (want !== a.from.getTime())
        res.mismatches.push(
          `alert for ${a.p}: lapse from ${a.from.toISOString()}, model ${new Date(want).toISOString()}`,
        );
      expectRaise.delete(a.p);
      res.alerts++;
      const s = model.get(a.p)!;
      s.alertedFor = a.from.getTime();
      s.alert = { caseId: a.caseId, raisedAt: now, level: 0, acted: false };
      // the grid worker answers after 0.5–9 h, half the time calling first
      const delay = Math.round((0.5 + r() * 8.5) * H);
      if (r() < 0.5)
        pending.push([
          { at: now + delay, kind: 'call', p: a.p },
          { at: now + delay + H / 2, kind: 'safe', p: a.p },
        ]);
      else pending.push([{ at: now + delay, kind: 'safe', p: a.p }]);
    }
    for (const [p] of expectRaise)
      res.mismatches.push(`tick ${new Date(now).toISOString()}: lapse of ${p} raised no alert`);
    const steps = await rows<{ p: number; kind: string; delivered: number }>(
      db,
      sql`select a.person_id as p, s.kind, s.delivered from care_alert_steps s join care_alerts a on a.case_id = s.case_id
          where a.person_id = any(${ids}::int[]) and s.at = ${new Date(now)} and s.kind in ('care_contact', 'duty_officer')`,
    );
    res.escalationsExpected += expectSteps.size;
    for (const st of steps) {
      res.escalationsFired++;
      if (st.delivered > 0) res.delivered++;
      if (!expectSteps.delete(`${st.p}:${st.kind}`))
        res.mismatches.push(`tick ${new Date(now).toISOString()}: unexpected ${st.kind} for ${st.p}`);
    }
    for (const k of expectSteps)
      res.mismatches.push(`tick ${new Date(now).toISOString()}: missing step ${k}`);
    phase('checks');
  }
  return res;
}
