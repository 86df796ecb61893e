import { makeIdNumber } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, gridCentre, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { IMPORT_COLUMNS, type ImportKey } from './import/columns.ts';
import { XLSX } from './import-routes.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let worker: string;
let seq = 300;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  worker = await loginAs(
    app,
    await createUserWith(db, 'community_staff', { orgNodeId: t.communities[0]!.id }, t.district.code),
  );
});

type Row = Partial<Record<ImportKey, string>>;

/** A sheet with the template's headers and these rows. */
async function sheet(data: Row[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const s = book.addWorksheet('人员信息');
  s.addRow(IMPORT_COLUMNS.map((c) => c.header));
  for (const r of data) s.addRow(IMPORT_COLUMNS.map((c) => r[c.key] ?? ''));
  return Buffer.from(await book.xlsx.writeBuffer());
}

const id = (birth: string, gender: 'M' | 'F') => makeIdNumber(t.district.code, birth, gender, seq++);

/** A valid row of a household in grid g, room `room`. */
function row(g: number, room: string, over: Row = {}): Row {
  const birth = over.birthDate ?? '1958-04-09';
  const gender = over.gender === '女' ? 'F' : 'M';
  const at = gridCentre(t, g);
  return {
    gridCode: t.grids[g]!.code,
    building: `${t.grids[g]!.name}8号楼`,
    lng: String(at.lng),
    lat: String(at.lat),
    unit: '2',
    floor: room[0],
    room,
    name: '李建华',
    relation: '户主',
    gender: '男',
    birthDate: birth,
    idNumber: id(birth, gender),
    phone: '13811112222',
    tags: '党员',
    ...over,
  };
}

/** Uploads a sheet and waits until its job is done. */
async function importSheet(bytes: Buffer) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/people/imports?org=${t.communities[0]!.code}`,
    headers: { cookie: worker, 'content-type': XLSX, 'x-file-name': encodeURIComponent('富民.xlsx') },
    payload: bytes,
  });
  expect(res.statusCode).toBe(202);
  const jobId = res.json().data.id as number;
  for (let i = 0; i < 200; i++) {
    const job = (
      await app.inject({ url: `/api/people/imports/${jobId}`, headers: { cookie: worker } })
    ).json().data;
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

async function reportRows(jobId: number): Promise<{ row: number; reasons: string }[]> {
  const res = await app.inject({
    url: `/api/people/imports/${jobId}/report.xlsx`,
    headers: { cookie: worker },
  });
  expect(res.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const out: { row: number; reasons: string }[] = [];
  book.worksheets[0]!.eachRow((r, n) => {
    if (n > 1) out.push({ row: Number(r.getCell(1).value), reasons: String(r.getCell(2).value) });
  });
  return out;
}

describe('the import template', () => {
  it('has Chinese headers, a sample row whose ID number is valid, and instructions', async () => {
    const res = await app.inject({ url: '/api/people/import/template.xlsx', headers: { cookie: worker } });
    expect(res.headers['content-type']).toBe(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const s = book.worksheets[0]!;
    expect((s.getRow(1).values as string[]).slice(1, 4)).toEqual(['网格编码', '楼栋地址', '楼栋经度']);
    expect(s.getRow(2).getCell(9).value).toBe('张建国');
    expect(book.worksheets[1]!.name).toBe('填写说明');
  });
});

describe('importing households', () => {
  it('writes the valid households, refuses bad rows of every kind with their reasons, never half a household', async () => {
    const dupId = id('1990-01-01', 'M');
    const data: Row[] = [
      row(0, '101'), // 2: good head
      {
        ...row(0, '101'),
        name: '李小华',
        relation: '子女',
        birthDate: '1985-06-01',
        idNumber: id('1985-06-01', 'M'),
        phone: '',
        tags: '',
      }, // 3: good member
      row(0, '102', { idNumber: '411602195804090011' }), // 4: wrong check digit
      row(0, '103', { birthDate: '1958-04-10', idNumber: id('1958-04-09', 'M') }), // 5: birth date disagrees
      row(0, '104', { gender: '女', idNumber: id('1958-04-09', 'M') }), // 6: gender disagrees
      row(0, '105', { phone: '12345' }), // 7: bad phone
      row(0, '106', { name: '' }), // 8: missing name
      row(0, '107', { gridCode: '999999999999999' }), // 9: unknown grid
      row(2, '108'), // 10: a grid of another community (outside the importer's scope)
      row(0, '109', { lng: '', lat: '', building: '不存在的楼' }), // 11: building missing, no coordinates
      row(0, '110', { lng: '0', lat: '0', building: '远处的楼' }), // 12: coordinates outside the grid
      row(0, '111', { idNumber: dupId, birthDate: '1990-01-01' }), // 13: ID twice in the file
      row(0, '112', { idNumber: dupId, birthDate: '1990-01-01' }), // 14: … and again
      row(0, '113', { tags: '不存在的标签' }), // 15: unknown tag
      row(0, '114', { relation: '子女' }), // 16: a new household without a head
      row(1, '201'), // 17: good head of a household whose member is bad
      {
        ...row(1, '201'),
        name: '王五',
        relation: '配偶',
        gender: '女',
        birthDate: '1960-02-30',
        idNumber: '',
      }, // 18: impossible date
      row(1, '202', { birthDate: '2001-13-01', idNumber: '' }), // 19: impossible month
    ];
    const job = await importSheet(await sheet(data));
    expect(job).toMatchObject({
      state: 'done',
      totalRows: 18,
      writtenPersons: 2,
      unchangedPersons: 0,
      errorRows: 16,
    });
    const report = await reportRows(job.id);
    const reason = (r: number) => report.find((x) => x.row === r)?.reasons ?? '';
    expect(report.map((x) => x.row)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(reason(4)).toContain('校验位错误');
    expect(reason(5)).toContain('出生日期与身份证号码不一致');
    expect(reason(6)).toContain('性别与身份证号码不一致');
    expect(reason(7)).toContain('联系电话格式不正确');
    expect(reason(8)).toContain('缺少必填项「姓名」');
    expect(reason(9)).toContain('网格编码不存在');
    expect(reason(10)).toContain('不在您的管辖范围内');
    expect(reason(11)).toContain('楼栋不存在');
    expect(reason(12)).toContain('不在该网格范围内');
    expect(reason(13)).toContain('证件号码在文件中重复');
    expect(reason(15)).toContain('标签「不存在的标签」不存在');
    expect(reason(16)).toContain('户主');
    expect(reason(17)).toContain('整户未导入');
    expect(reason(18)).toContain('出生日期无效');
    expect(reason(19)).toContain('出生日期无效');
    // the head of room 201 is good, but its household is refused whole: nobody of grid 1 was written
    const written = await rows<{ grid_id: number; n: number }>(
      db,
      sql`select grid_id, count(*)::int as n from persons where grid_id in (${t.grids[0]!.id}, ${t.grids[1]!.id}) group by grid_id`,
    );
    expect(written).toEqual([{ grid_id: t.grids[0]!.id, n: 2 }]);
    const audit = await one<{ after: unknown }>(
      db,
      sql`select after from audit_log where action = 'people.import' and entity_id = ${String(job.id)}`,
    );
    expect(audit!.after).toEqual({ rows: 18, written: 2, unchanged: 0, errorRows: 16 });
  });

  it('changes nothing when the same file is imported again, and updates only what changed', async () => {
    const head = row(0, '301', { name: '赵大勇', tags: '党员；退役军人' });
    const child = {
      ...row(0, '301'),
      name: '赵小勇',
      relation: '子女',
      birthDate: '2010-03-03',
      idNumber: '',
      phone: '',
      tags: '',
    };
    const file = await sheet([head, child]);
    const first = await importSheet(file);
    expect(first).toMatchObject({ state: 'done', writtenPersons: 2, errorRows: 0, hasReport: false });
    const before = await rows(db, sql`select * from persons where grid_id = ${t.grids[0]!.id} order by id`);
    const again = await importSheet(file);
    expect(again).toMatchObject({ state: 'done', writtenPersons: 0, unchangedPersons: 2, errorRows: 0 });
    expect(await rows(db, sql`select * from persons where grid_id = ${t.grids[0]!.id} order by id`)).toEqual(
      before,
    );
    const moved = await importSheet(await sheet([{ ...head, phone: '13999990000' }, child]));
    expect(moved).toMatchObject({ writtenPersons: 1, unchangedPersons: 1 });
    const households = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from households h join houses ho on ho.id = h.house_id where ho.room = '301'
            and h.grid_id = ${t.grids[0]!.id}`,
    );
    expect(households!.n).toBe(1);
    // the same person in another flat is a duplicate against the archive: refused, not moved silently
    const elsewhere = await importSheet(await sheet([{ ...head, room: '302' }]));
    expect(elsewhere).toMatchObject({ writtenPersons: 0, errorRows: 1 });
    expect((await reportRows(elsewhere.id))[0]!.reasons).toContain('已登记在其他住户');
  });

  it('refuses a file that is not an .xlsx with a clear reason, and another importer cannot see the job', async () => {
    const job = await importSheet(Buffer.from('not a spreadsheet'));
    expect(job).toMatchObject({ state: 'failed', failure: 'IMPORT_FILE_INVALID' });
    const other = await loginAs(
      app,
      await createUserWith(db, 'community_staff', { orgNodeId: t.communities[0]!.id }, t.district.code),
    );
    expect(
      (await app.inject({ url: `/api/people/imports/${job.id}`, headers: { cookie: other } })).statusCode,
    ).toBe(404);
  });
});

describe('exporting', () => {
  it('masks names, ID numbers and phones unless the caller reveals with a reason', async () => {
    const url = `/api/people/export.xlsx?org=${t.grids[0]!.code}`;
    const masked = await app.inject({ url, headers: { cookie: worker } });
    const text = async (bytes: Buffer) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
      const out: string[] = [];
      book.worksheets[0]!.eachRow((r) => {
        out.push((r.values as unknown[]).join('|'));
      });
      return out.join('\n');
    };
    const m = await text(masked.rawPayload);
    expect(m).toContain('赵*勇');
    expect(m).not.toContain('赵大勇');
    expect(m).toContain('139****0000');
    const clear = await app.inject({
      method: 'POST',
      url: '/api/people/export.xlsx',
      headers: { cookie: worker },
      payload: { org: t.grids[0]!.code, reason: '民政核对' },
    });
    expect(await text(clear.rawPayload)).toContain('赵大勇');
    const audit = await one<{ after: { fields: string[]; subject: string } }>(
      db,
      sql`select after from audit_log where action = 'personal.reveal' and entity = 'org' and entity_id = ${t.grids[0]!.code}`,
    );
    expect(audit!.after).toMatchObject({ fields: ['name', 'idNumber', 'phone'], subject: 'persons:4' });
  });
});
