import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { planOf } from '../../../test/plans.ts';
import { type Db, one } from '../../infra/db.ts';
import { searchTokens } from './search.ts';
import { insertCase } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;
let closed: { id: number; code: string };
let open: number;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
  const res = await report(app, w, w.resident, {
    description: '幸福路口的井盖松动，电动车压过去哐当响',
    address: '幸福路与建设街交叉口',
  });
  closed = { id: res.json().data.id, code: res.json().data.trackingCode };
  await ok(app, w.dispatcher, closed.id, 'file');
  await ok(app, w.dispatcher, closed.id, 'dispatch', { unitId: w.t.unitId });
  await ok(app, w.unit, closed.id, 'feedback', { note: '已固定井盖' });
  await ok(app, w.gridWorker, closed.id, 'check_pass');
  await ok(app, w.dispatcher, closed.id, 'close');
  const hotline = await report(app, w, w.dispatcher, {
    source: 'hotline',
    description: '来电反映垃圾桶满溢 LED屏不亮',
    reporterPhone: '13912345678',
  });
  open = hotline.json().data.id;
});

const search = async (query: string) => {
  const res = await app.inject({ url: `/api/cases?${query}`, headers: { cookie: w.dispatcher } });
  expect(res.statusCode).toBe(200);
  return res.json().data.map((r: { id: number }) => r.id) as number[];
};
const q = (text: string) => search(`q=${encodeURIComponent(text)}`);

describe('finding any case', () => {
  it('cuts Chinese into characters and pairs, Latin runs into words', () => {
    expect(searchTokens('井盖松动')).toEqual(['井盖', '盖松', '松动']);
    expect(searchTokens('LED屏 井')).toEqual(['led', '屏', '井']);
    expect(searchTokens('，。！')).toEqual([]);
  });

  it('finds a closed case by its whole tracking code, words of its description and of its address', async () => {
    expect(await q(closed.code)).toEqual([closed.id]);
    expect(await q(closed.code.toLowerCase())).toEqual([closed.id]);
    expect(await q('井盖松动')).toContain(closed.id);
    expect(await q('电动车 哐当')).toContain(closed.id);
    expect(await q('建设街')).toContain(closed.id);
    expect(await q('led')).toContain(open);
  });

  it('finds nothing for a word that is not there, words of different cases, or punctuation alone', async () => {
    // 井 and 松 are both in the text, but never as 松井
    expect(await q('松井')).not.toContain(closed.id);
    expect(await q('井盖 垃圾桶')).toEqual([]);
    expect(await q('，。')).toEqual([]);
  });

  it('combines the words with the other filters (state, period)', async () => {
    expect(await search(`q=${encodeURIComponent('井盖')}&state=closed`)).toContain(closed.id);
    expect(await search(`q=${encodeURIComponent('井盖')}&state=dispatched`)).not.toContain(closed.id);
  });

  it('finds a caller’s case by the exact phone number, however it is written, and never shows the number', async () => {
    const res = await app.inject({
      url: `/api/cases?phone=${encodeURIComponent('139 1234 5678')}`,
      headers: { cookie: w.dispatcher },
    });
    expect(res.json().data.map((r: { id: number }) => r.id)).toEqual([open]);
    expect(res.body).not.toContain('5678');
    expect(await search('phone=13912345670')).toEqual([]);
    const stored = await one<{ bidx: string | null }>(
      db,
      sql`select reporter_phone_bidx as bidx from cases where id = ${open}`,
    );
    expect(stored?.bidx).toBeTruthy();
    expect(stored?.bidx).not.toContain('13912345678');
  });

  it('pages a rare word newest first across the last 30 days, the last year and before', async () => {
    // a word no other case has, in 3 cases of yesterday, 50 of a hundred days ago and 5 of two years ago: the
    // first window (30 days) cannot fill a page of 50, the second (a year) can, and the last page needs all
    const word = `zq${randomBytes(4).toString('hex')}`;
    const now = Date.now();
    const ago = (days: number, minutes: number) => new Date(now - days * 86_400_000 - minutes * 60_000);
    const seeded: { id: number; at: Date }[] = [];
    for (const [days, count] of [
      [1, 3],
      [100, 50],
      [700, 5],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const at = ago(days, i);
        const { id } = await insertCase(db, w.t, { description: `井盖 ${word}`, reportedAt: at });
        seeded.push({ id, at });
      }
    }
    const expected = seeded.sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id).map((c) => c.id);
    const first = await app.inject({
      url: `/api/cases?q=${word}&limit=50`,
      headers: { cookie: w.dispatcher },
    });
    const page1 = first.json() as { data: { id: number }[]; nextCursor: string | null };
    expect(page1.data.map((r) => r.id)).toEqual(expected.slice(0, 50));
    const second = await app.inject({
      url: `/api/cases?q=${word}&limit=50&cursor=${encodeURIComponent(page1.nextCursor!)}`,
      headers: { cookie: w.dispatcher },
    });
    const page2 = second.json() as { data: { id: number }[]; nextCursor: string | null };
    expect(page2.data.map((r) => r.id)).toEqual(expected.slice(50));
    expect(page2.nextCursor).toBeNull();
  });

  it('answers the words from the index, not by reading every case', async () => {
    const plan = await planOf(
      db,
      sql`select id from cases c where c.search_tokens @@ '井盖 & 松动'::tsquery`,
    );
    expect(plan).toContain('cases_search_tokens');
  });
});
