import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { insertCase } from '../case-reports/test-fixtures.ts';
import { issueBulletin } from './commands/issue-bulletin.ts';
import { bulletinRequest } from './delivery.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let admin: string;
let street2: string;
const at = (day: string, hour = 10) => `2024-03-${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const DAY = { kind: 'daily' as const, from: '2024-03-05', to: '2024-03-05' };

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code),
  );
  street2 = await loginAs(
    app,
    await createUserWith(db, 'street_staff', { orgNodeId: t.streets[1]!.id }, t.district.code),
  );
  // 5 March: three reports in street 1 (one closed that day), one in street 2; one case of street 1 fell due
  // that day undisposed (the unit missed its deadline)
  const base = { unitId: t.unitId, cValid: 1, dispatchedAt: at('05', 11) };
  await insertCase(db, t, {
    ...base,
    state: 'closed',
    reportedAt: at('05'),
    deadlineAt: at('07'),
    disposedAt: at('05', 14),
    cDisposed: 1,
    cIntimeDispose: 1,
    closedAt: at('05', 16),
    cIntimeClose: 1,
  });
  await insertCase(db, t, { ...base, state: 'dispatched', reportedAt: at('05'), deadlineAt: at('08') });
  await insertCase(db, t, {
    ...base,
    state: 'dispatched',
    reportedAt: at('05', 12),
    category: '99.02',
    deadlineAt: at('08'),
  });
  await insertCase(db, t, {
    ...base,
    state: 'dispatched',
    grid: 4,
    reportedAt: at('05'),
    deadlineAt: at('08'),
  });
  await insertCase(db, t, { ...base, state: 'dispatched', reportedAt: at('01'), deadlineAt: at('05', 9) });
  await db.execute(
    sql`insert into webhooks (owner_user_id, org_code, url, format, secret, actions)
        values (null, ${t.district.code}, 'https://robot.example.com/hook', 'wecom', 'sekret', '{}')`,
  );
});

describe('bulletins', () => {
  it('issues a day’s bulletin once, numbered, with the period’s figures, and queues it to the district’s robots', async () => {
    const now = new Date(at('06', 8));
    const first = await issueBulletin(db, { org: t.district.code, ...DAY }, now);
    const again = await issueBulletin(db, { org: t.district.code, ...DAY }, now);
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const res = await app.inject({ url: `/api/bulletins/${first.id}`, headers: { cookie: admin } });
    const b = res.json().data;
    expect(b.number).toMatch(/日〔2024〕1号$/);
    expect(b.content.figures).toEqual({ reported: 4, closed: 1, overdue: 1 });
    // due to dispose on 5 March: the case closed that day and the one whose deadline fell that morning
    expect(b.content.rates.disposeOnTimeRate).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(b.content.lateUnits).toEqual([expect.objectContaining({ due: 2, late: 1, rate: 0.5 })]);
    expect(b.content.worst[0]).toMatchObject({ code: '99.01', count: 3 });

    const delivery = await one<{ id: number }>(
      db,
      sql`select id from webhook_deliveries where bulletin_id = ${first.id}`,
    );
    const request = await bulletinRequest(db, delivery!.id, 'https://grid.example.com');
    const text = JSON.parse(request!.body).markdown.content as string;
    expect(text).toContain(b.number);
    expect(text).toContain('新增案件 4 件，结案 1 件，超期未结 1 件；按期处置率 50.0%');
    expect(text).toContain(`(https://grid.example.com/bulletins/${first.id})`);
  });

  it('keeps a bulletin as issued when the data changes later, and refuses edits', async () => {
    const { id } = await issueBulletin(db, { org: t.district.code, ...DAY }, new Date(at('06', 8)));
    const read = async () =>
      (await app.inject({ url: `/api/bulletins/${id}`, headers: { cookie: admin } })).json().data;
    const before = await read();
    await insertCase(db, t, { state: 'reported', reportedAt: at('05', 15) });
    await db.execute(sql`update cases set state = 'closed', closed_at = ${at('05', 17)}::timestamptz
      where org_code like ${`${t.district.code}%`} and state = 'dispatched'`);
    expect(await read()).toEqual(before);
    await expect(db.execute(sql`update bulletins set number = 'x' where id = ${id}`)).rejects.toThrow(
      /immutable/,
    );
    await expect(db.execute(sql`delete from bulletins where id = ${id}`)).rejects.toThrow(/immutable/);
  });

  it('shows a street its own bulletins only, and exports one as .xlsx', async () => {
    const own = await issueBulletin(db, { org: t.streets[1]!.code, ...DAY }, new Date(at('06', 8)));
    const list = await app.inject({ url: '/api/bulletins', headers: { cookie: street2 } });
    expect(list.json().data.map((b: { id: number }) => b.id)).toEqual([own.id]);
    const district = (
      await app.inject({ url: `/api/bulletins?org=${t.district.code}`, headers: { cookie: admin } })
    ).json().data;
    const hidden = await app.inject({
      url: `/api/bulletins/${district[0].id}`,
      headers: { cookie: street2 },
    });
    expect(hidden.statusCode).toBe(404);
    const file = await app.inject({
      url: `/api/bulletins/${own.id}/export.xlsx`,
      headers: { cookie: street2 },
    });
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('通报')!;
    expect(sheet.getCell('A7').value).toBe('新增案件');
    expect(sheet.getCell('B7').value).toBe(1);
  });
});

// Two server processes issuing the same bulletin at the same moment: one issues it, the other finds it.
describe.runIf(process.env.DATABASE_URL)('bulletins across processes (PostgreSQL)', () => {
  const issueIn = (args: string[]) =>
    new Promise<{ id: number; created: boolean }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'server/src/modules/bulletins/issue-process.ts', ...args],
        {
          env: process.env,
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exit ${code}`))));
    });

  it('issues a bulletin exactly once when two processes try together', async () => {
    const args = [t.streets[0]!.code, 'weekly', '2024-03-04', '2024-03-10'];
    const results = await Promise.all([issueIn(args), issueIn(args)]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0]!.id).toBe(results[1]!.id);
    const n = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from bulletins where org_code = ${t.streets[0]!.code} and kind = 'weekly'`,
    );
    expect(n!.n).toBe(1);
  }, 120_000);
});
