import { PUBLIC_CASE_FIELDS, type PublicCaseField } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { type CaseWorld, caseWorld, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createUserWith } from '../../../test/factories.ts';
import { PersonalDataCipher } from '../../infra/crypto.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { publicMessage } from '../notify/delivery-message.ts';
import { presentRequest } from '../open311/present.ts';
import { findRequestsByIds, publicEventsOf } from '../open311/queries.ts';
import { findCase } from './case-row.ts';
import { applyTransition } from './commands/apply-transition.ts';
import { presentCase } from './present-case.ts';
import { presentPublicCase } from './present-public-case.ts';
import { PUBLIC_CASE_SELECTED, type PublicCaseRow } from './public-queries.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
});

describe('the public case row', () => {
  it('holds exactly the allow-listed fields, in its type and in the columns its query selects', () => {
    expectTypeOf<keyof PublicCaseRow>().toEqualTypeOf<PublicCaseField>();
    expect([...PUBLIC_CASE_SELECTED].sort()).toEqual([...PUBLIC_CASE_FIELDS].sort());
    for (const never of [
      'trackingCode',
      'reporterId',
      'reporterName',
      'reporterPhoneEnc',
      'source',
      'orgCode',
    ]) {
      expect(PUBLIC_CASE_FIELDS).not.toContain(never);
    }
  });
});

class Rollback extends Error {}

describe('an internal column and internal notes added to a case', () => {
  it('reach staff but not the public presenter, Open311 or a follower', async () => {
    const { id, trackingCode } = (await report(app, w, null)).json().data;
    const follower = await createUserWith(db, 'resident', {}, w.t.district.code);
    await db.execute(sql`insert into case_followers (case_id, user_id) values (${id}, ${follower.id})`);
    const seen = await db
      .transaction(async (tx) => {
        // a column added to cases later, with a sentinel in every row
        await tx.execute(
          sql`alter table cases add column internal_memo text not null default 'SENTINEL-COLUMN'`,
        );
        const step = async (action: Parameters<typeof applyTransition>[3]['action'], extra = {}) =>
          applyTransition(
            tx,
            (await findCase(tx, id))!,
            { actor: null, holds: [] },
            { action, reason: `SENTINEL-NOTE-${action}`, ...extra },
          );
        await step('file', { data: { replyDeadlineAt: new Date().toISOString(), secret: 'SENTINEL-DATA' } });
        await step('dispatch', {
          data: { unitName: '区城市管理局', contractorPhone: 'SENTINEL-13900001111' },
        });
        await step('request_extension');
        await step('supervise', { data: { level: 'red' } });
        await step('feedback');
        await step('check_pass', { set: [sql`check_passed = true`] });
        await step('close');
        const row = await one<{ memo: string }>(
          tx,
          sql`select internal_memo as memo from cases where id = ${id}`,
        );
        const c = (await findCase(tx, id))!;
        const staff = await presentCase(
          tx,
          c,
          [{ role: 'dispatcher', via: 'scope' }],
          new PersonalDataCipher('x'.repeat(32)),
        );
        const events = await rows<{ id: number }>(tx, sql`select id from case_events where case_id = ${id}`);
        const requests = await findRequestsByIds(tx, [id]);
        const notes = await publicEventsOf(tx, [id]);
        const messages = await Promise.all(events.map((e) => publicMessage(tx, e.id)));
        const out = {
          memo: row!.memo,
          staff: JSON.stringify(staff),
          publicView: JSON.stringify(await presentPublicCase(tx, id)),
          open311: JSON.stringify(requests.map((r) => presentRequest(r, 'zh', 'http://x', notes.get(r.id)))),
          follower: JSON.stringify(
            await rows(tx, sql`select title, body from notifications where user_id = ${follower.id}`),
          ),
          personalHooks: JSON.stringify(messages),
          followerCount: (await one<{ n: number }>(
            tx,
            sql`select count(*)::int as n from notifications where user_id = ${follower.id}`,
          ))!.n,
        };
        throw Object.assign(new Rollback(), { out });
      })
      .catch((err: unknown) => {
        if (err instanceof Rollback) return (err as Rollback & { out: Record<string, string | number> }).out;
        throw err;
      });
    // the sentinels were really there: the column has them and staff read the notes and data
    expect(seen.memo).toBe('SENTINEL-COLUMN');
    expect(seen.staff).toContain('SENTINEL-NOTE-dispatch');
    expect(seen.staff).toContain('SENTINEL-13900001111');
    // and none of them reached anything the public receives, which still tells the story
    expect(seen.followerCount).toBe(4);
    for (const key of ['publicView', 'open311', 'follower', 'personalHooks'] as const) {
      expect(seen[key]).not.toContain('SENTINEL');
      expect(seen[key]).not.toContain(trackingCode);
    }
    expect(seen.publicView).toContain('区城市管理局');
    expect(seen.open311).toContain('已派发至区城市管理局');
    // nothing of it was kept
    expect(
      await one(
        db,
        sql`select 1 from information_schema.columns where table_name = 'cases' and column_name = 'internal_memo'`,
      ),
    ).toBeNull();
  });
});
