import ExcelJS from 'exceljs';
import type { Db } from '../../infra/db.ts';
import { districtDay } from '../case-reports/period.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { unseal } from '../personal-data/fields.ts';
import { maskAs } from '../personal-data/mask.ts';
import { type ServiceRecord, serviceRecords } from './board-queries.ts';

/** The most records one export holds (a last row says so when there were more). */
export const EXPORT_ROW_CAP = 50_000;
const PAGE = 1000;

const ID_TYPE_ZH: Record<string, string> = {
  id_card: '居民身份证',
  hmt_residence: '港澳台居民居住证',
  passport: '护照',
};

/**
 * The columns of the national volunteer-service information system's service-hour import (全国志愿服务信息系统,
 * 志愿服务记录补录), in its order, then our own columns; docs/volunteers.md maps each one.
 */
const COLUMNS: { header: string; width: number }[] = [
  { header: '姓名', width: 10 },
  { header: '证件类型', width: 14 },
  { header: '证件号码', width: 22 },
  { header: '服务时长（小时）', width: 12 },
  { header: '服务开始时间', width: 18 },
  { header: '服务结束时间', width: 18 },
  { header: '项目名称', width: 28 },
  { header: '服务内容', width: 24 },
  { header: '服务地点', width: 24 },
  { header: '志愿服务队', width: 18 },
  { header: '服务类别', width: 12 },
  { header: '所属社区', width: 14 },
  { header: '核定人', width: 12 },
  { header: '核定时间', width: 18 },
];

const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

function cells(cipher: PersonalDataCipher, r: ServiceRecord): (string | number | null)[] {
  return [
    maskAs('name', unseal(cipher, r.nameEnc)),
    ID_TYPE_ZH[r.idType] ?? r.idType,
    maskAs('idNumber', unseal(cipher, r.idNumberEnc)),
    r.hours,
    local(r.startsAt),
    local(r.endsAt),
    r.title,
    r.typeName,
    r.place,
    r.teamName,
    r.categoryName,
    r.orgName,
    r.organiser,
    local(r.verifiedAt),
  ];
}

/**
 * The verified service hours of an area in a period as .xlsx in the national system's columns. Names and ID
 * numbers are masked: the file leaves the platform, and the clear values stay behind the audited reveal.
 */
export async function serviceWorkbook(
  db: Db,
  cipher: PersonalDataCipher,
  code: string,
  period: { from: string; to: string },
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('志愿服务时长', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  let after = 0;
  let n = 0;
  for (;;) {
    const page = await serviceRecords(db, code, period, after, PAGE);
    for (const r of page) sheet.addRow(cells(cipher, r));
    n += page.length;
    if (page.length < PAGE) break;
    if (n >= EXPORT_ROW_CAP) {
      sheet.addRow([`已达导出上限 ${EXPORT_ROW_CAP} 行，请缩小期间后分批导出。`]);
      break;
    }
    after = page.at(-1)!.signupId;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The download's Content-Disposition: 志愿服务时长-YYYYMMDD.xlsx with an ASCII fallback name. */
export function serviceDisposition(now = new Date()): string {
  const day = districtDay(now).replaceAll('-', '');
  return `attachment; filename="volunteer-hours-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`志愿服务时长-${day}.xlsx`)}`;
}
