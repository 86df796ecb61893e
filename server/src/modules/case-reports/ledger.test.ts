import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { hashToken } from '../../infra/crypto.ts';
import type { Db } from '../../infra/db.ts';
import { loadActor } from '../auth/actor.ts';
import { streamLedger } from './ledger.ts';
import { insertCase, reportsTestApp } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let admin: string;
let closed: { id: number; trackingCode: string };

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = await reportsTestApp(db);
  t = await createTenant(db);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code),
  );
  closed = await insertCase(db, t, {
    state: 'closed',
    source: 'hotline',
    urgency: 'urgent',
    description: `${'长'.repeat(300)}尾`,
    address: '人民路8号',
    unitId: t.unitId,
    reportedAt: '2024-05-01T09:05:00+08:00',
    deadlineAt: '2024-05-02T18:00:00+08:00',
    closedAt: '2024-05-03T10:00:00+08:00',
    cIntimeClose: 0,
    rating: 'basic',
    reporterName: '李四',
  });
  await insertCase(db, t, {
    grid: 3,
    source: 'resident',
    state: 'reported',
    reportedAt: '2024-05-04T08:00:00+08:00',
    address: null,
  });
  await insertCase(db, t, { grid: 5, state: 'filed', reportedAt: '2024-05-05T08:00:00+08:00' });
});

async function readSheet(buffer: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('台账')!;
  const out: unknown[][] = [];
  sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('ledger export (台账)', () => {
  it('downloads the filtered, grant-limited list as .xlsx with Chinese headers and values', async () => {
    const res = await app.inject({
      url: `/api/cases/export.xlsx?org=${t.streets[0]!.code}`,
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="ledger-\d{8}\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^台账-\d{8}\.xlsx$/);
    const rows = await readSheet(res.rawPayload);
    expect(rows[0]).toEqual([
      '案件编号',
      '来源',
      '类别',
      '紧急程度',
      '状态',
      '问题描述',
      '地址',
      '所属网格',
      '责任单位',
      '上报时间',
      '处置时限',
      '结案时间',
      '是否超期',
      '评价',
    ]);
    // street 1 holds grids 0–3: the closed case and the reported one, newest first
    expect(rows).toHaveLength(3);
    const [, second, first] = rows;
    // the case number, never the tracking code (the reporter's credential)
    expect(first![0]).toBe(closed.id);
    expect(JSON.stringify(rows)).not.toContain(closed.trackingCode);
    expect(first!.slice(1, 9)).toEqual([
      '12345 热线',
      '99.01 测试小类',
      '紧急',
      '已结案',
      `${'长'.repeat(300)}尾`,
      '人民路8号',
      t.grids[0]!.name,
      expect.stringContaining('测试城管'),
    ]);
    // times are written on the district clock (UTC+8) as Excel date cells
    expect((first![9] as Date).toISOString()).toBe('2024-05-01T09:05:00.000Z');
    expect((first![10] as Date).toISOString()).toBe('2024-05-02T18:00:00.000Z');
    expect((first![11] as Date).toISOString()).toBe('2024-05-03T10:00:00.000Z');
    expect(first!.slice(12)).toEqual(['是', '基本满意']);
    expect(second![4]).toBe('待受理');
    // the same words as the case page's 来源 (a resident's report is 群众上报 in both)
    expect(second![1]).toBe('群众上报');
    expect(second![6]).toBeUndefined();
    expect(second![12]).toBe('否');
    expect(JSON.stringify(rows)).not.toContain('李四');
  });

  it('exports nothing of a district the caller does not see', async () => {
    const stranger = await createTenant(db);
    const cookie = await loginAs(
      app,
      await createUserWith(db, 'district_admin', { orgNodeId: stranger.district.id }, stranger.district.code),
    );
    const res = await app.inject({
      url: `/api/cases/export.xlsx?org=${t.district.code}`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(await readSheet(res.rawPayload)).toHaveLength(1);
  });

  it('stops at the row cap and says so in a last row', async () => {
    const actor = (await loadActor(db, hashToken(admin.split('=')[1]!)))!;
    const stream = streamLedger(
      db,
      actor,
      { org: [t.district.code] },
      { sort: 'reported_at', order: 'desc', now: new Date(), cap: 2 },
    );
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const rows = await readSheet(Buffer.concat(chunks));
    expect(rows, JSON.stringify(rows)).toHaveLength(4);
    expect(String(rows[3]![0])).toContain('已达导出上限 2 行');
  });
});
