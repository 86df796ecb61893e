import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { gridCentre } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { seal } from '../personal-data/fields.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';
import { CHECK_COLUMNS, HOURS_FORMAT, NATIONAL_COLUMNS } from './export.ts';
import { makeVolunteer } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

/** The template as docs/volunteers.md documents it: the `column` cell of each row between the markers. */
function documentedColumns(): string[] {
  const doc = readFileSync(new URL('../../../../docs/volunteers.md', import.meta.url), 'utf8');
  const table = doc.split('<!-- national-template:start -->')[1]!.split('<!-- national-template:end -->')[0]!;
  return table
    .trim()
    .split('\n')
    .slice(2)
    .map((line) => line.split('|')[2]!.trim());
}

/** The header row and the rows of the first sheet of a workbook, as the cells' values. */
async function readSheet(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
  return { sheet, header: values(1), row: values, rows: sheet.actualRowCount };
}

const month = '2026-03';
const exportUrl = () =>
  `/api/volunteers/export.xlsx?org=${w.t.communities[0]!.code}&from=${month}&to=${month}`;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
  const v = await makeVolunteer(db, w.t.grids[0]!, w.t.communities[0]!.code, { name: '王小明' });
  await db.execute(
    sql`update persons set id_type = 'id_card', id_number_enc = ${seal(testCipher(), '410102199001011234')}
        where id = ${v.personId}`,
  );
  const made = await app.inject({
    method: 'POST',
    url: '/api/volunteers/activities',
    headers: { cookie: w.community },
    payload: {
      orgCode: w.t.communities[0]!.code,
      title: '清洁家园',
      typeCode: 'cleanup',
      place: '人民公园东门',
      location: gridCentre(w.t, 0),
      // 09:00 to 11:15 Beijing time
      startsAt: '2026-03-01T01:00:00Z',
      endsAt: '2026-03-01T03:15:00Z',
      capacity: 10,
    },
  });
  expect(made.statusCode, made.body).toBe(201);
  const activity = made.json().data as { id: number };
  // the activity is over: its attendance is written as the sign-in would have left it
  const s = (await one<{ id: number }>(
    db,
    sql`insert into volunteer_signups (activity_id, volunteer_id, signed_in_at, signed_out_at)
        values (${activity.id}, ${v.id}, '2026-03-01T01:02:00Z', '2026-03-01T03:14:00Z') returning id`,
  ))!;
  const verified = await app.inject({
    method: 'POST',
    url: `/api/volunteers/activities/${activity.id}/verify`,
    headers: { cookie: w.community },
    payload: { items: [{ signupId: s.id, hours: 2.25 }] },
  });
  expect(verified.statusCode, verified.body).toBe(200);
  expect(verified.json().data.verified, verified.body).toBe(1);
});

describe('the service-hours export in the national template', () => {
  it('has the documented columns in the documented order, the national fields first', async () => {
    expect(documentedColumns()).toEqual([...NATIONAL_COLUMNS, ...CHECK_COLUMNS]);
    const res = await app.inject({ method: 'GET', url: exportUrl(), headers: { cookie: w.community } });
    expect(res.statusCode, res.body).toBe(200);
    const { header } = await readSheet(res.rawPayload);
    expect(header).toEqual(documentedColumns());
  });

  it('writes a record masked, with the ID type in words, the ID number as text, hours to two decimals and Beijing times', async () => {
    const res = await app.inject({ method: 'GET', url: exportUrl(), headers: { cookie: w.community } });
    const { sheet, row, rows } = await readSheet(res.rawPayload);
    expect(rows).toBe(2);
    expect(row(2).slice(0, NATIONAL_COLUMNS.length)).toEqual([
      '王*明',
      '居民身份证',
      '4101**********1234',
      2.25,
      '2026-03-01 09:00',
      '2026-03-01 11:15',
      '清洁家园',
      '环境整治',
      '人民公园东门',
    ]);
    expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('D2').numFmt).toBe(HOURS_FORMAT);
    expect(String(row(2)[13])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('answers names and ID numbers in clear to who may reveal them, with a reason and an audit row', async () => {
    const count = async () =>
      (await one<{ n: number }>(
        db,
        sql`select count(*)::int as n from audit_log where action = 'personal.reveal'
            and after->>'subject' like 'volunteer_signups:%'`,
      ))!.n;
    const body = { org: w.t.communities[0]!.code, from: month, to: month };
    const before = await count();
    const noReason = await app.inject({
      method: 'POST',
      url: '/api/volunteers/export.xlsx',
      headers: { cookie: w.community },
      payload: body,
    });
    expect(noReason.statusCode).toBe(400);
    const leader = await app.inject({
      method: 'POST',
      url: '/api/volunteers/export.xlsx',
      headers: { cookie: w.leader },
      payload: { ...body, reason: '导入全国系统' },
    });
    expect(leader.statusCode).toBe(403);
    expect(await count()).toBe(before);
    const res = await app.inject({
      method: 'POST',
      url: '/api/volunteers/export.xlsx',
      headers: { cookie: w.community },
      payload: { ...body, reason: '导入全国志愿服务信息系统' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { header, row } = await readSheet(res.rawPayload);
    expect(header).toEqual(documentedColumns());
    expect(row(2).slice(0, 4)).toEqual(['王小明', '居民身份证', '410102199001011234', 2.25]);
    expect(await count()).toBe(before + 1);
  });
});
