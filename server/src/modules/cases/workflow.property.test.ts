import { CASE_STATES, CASE_TRANSITIONS } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, type CaseWorld, caseWorld, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { type Db, one, rows } from '../../infra/db.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
});

type Who = 'dispatcher' | 'unit' | 'gridWorker' | 'community' | 'leader' | 'resident' | 'otherUnit';
const WHO: Who[] = ['dispatcher', 'unit', 'gridWorker', 'community', 'leader', 'resident', 'otherUnit'];

/** A plausible body for each action, so that many random commands succeed. */
function bodyFor(action: string): Record<string, unknown> {
  switch (action) {
    case 'reject':
      return { rejectReason: 'not_substantiated', reason: '核实不实' };
    case 'dispatch':
      return { unitId: w.t.unitId };
    case 'return':
    case 'check_fail':
    case 'reopen':
    case 'suspend':
      return { reason: '原因' };
    case 'whistle':
      return { unitIds: [w.otherUnitId] };
    case 'request_extension':
      return { newDeadlineAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), reason: '需要时间' };
    case 'supervise':
      return { level: 'yellow' };
    case 'feedback':
      return { note: '已处理' };
    case 'rate':
      return { rating: 'dissatisfied' };
    default:
      return {};
  }
}

const command = fc.record({
  who: fc.constantFrom(...WHO),
  action: fc.constantFrom(
    ...CASE_TRANSITIONS.map((t) => t.action).filter((a) => a !== 'merge' && a !== 'fix_on_spot'),
  ),
});

interface Snapshot {
  state: string;
  version: number;
  events: number;
}

const snapshot = async (id: number): Promise<Snapshot> =>
  (await one<Snapshot>(
    db,
    sql`select state, version, (select count(*)::int from case_events e where e.case_id = c.id) as events from cases c where c.id = ${id}`,
  ))!;

describe('random command sequences by random roles', () => {
  it('never leave the transition table, never lose an event, and keep counters equal to the events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), async (commands) => {
        const id = (await report(app, w, w.resident)).json().data.id as number;
        for (const { who, action } of commands) {
          const before = await snapshot(id);
          const res = await act(app, w[who], id, action, bodyFor(action));
          const after = await snapshot(id);
          if (res.statusCode === 200) {
            expect(after.events).toBe(before.events + 1);
            expect(after.version).toBe(before.version + 1);
          } else {
            expect([400, 403, 404, 409]).toContain(res.statusCode);
            expect(after).toEqual(before);
          }
          expect(CASE_STATES).toContain(after.state);
        }
        const events = await rows<{ action: string; fromState: string | null; toState: string }>(
          db,
          sql`select action, from_state as "fromState", to_state as "toState" from case_events where case_id = ${id} order by id`,
        );
        // the event chain is unbroken and ends in the case's state
        for (let i = 1; i < events.length; i++) expect(events[i]!.fromState).toBe(events[i - 1]!.toState);
        const c = await one<Record<string, number | string>>(
          db,
          sql`select state, c_rework, c_returned, c_extended, reopen_count, c_disposed from cases where id = ${id}`,
        );
        const n = (a: string) => events.filter((e) => e.action === a).length;
        expect(c).toEqual({
          state: events.at(-1)!.toState,
          c_rework: n('check_fail'),
          c_returned: n('return'),
          c_extended: n('approve_extension'),
          reopen_count: n('reopen'),
          c_disposed: n('feedback') > 0 ? 1 : 0,
        });
      }),
      { numRuns: 25 },
    );
  });
});
