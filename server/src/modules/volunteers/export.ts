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

/** The national system's words for the archive's ID types. */
export const ID_TYPE_ZH: Record<string, string> = {
  id_card: '居民身份证',
  hmt_residence: '港澳台居民居住证',
  passport: '护照',
};

/**
 * The fields of the national volunteer-service information system's service-record import (全国志愿服务信息系统,
 * 志愿服务记录补录), in its order; the file's first nine columns are exactly these. docs/volunteers.md lists
 * them with their formats, and a test keeps the two in step.
 */
export const NATIONAL_COLUMNS = [
  '姓名',
  '证件类型',
  '证件号码',
  '服务时长（小时）',
  '服务开始时间',
  '服务结束时间',
  '项目名称',
  '服务内容',
  '服务地点',
] as const;

/** Our own columns after the national ones, for the office checking the file before it imports it. */
export const CHECK_COLUMNS = ['志愿服务队', '服务类别', '所属社区', '核定人', '核定时间'] as const;

const WIDTHS = [10, 14, 22, 12, 18, 18, 28, 24, 24, 18, 12, 14, 12, 18];
/** Hours are kept in quarter hours: two decimals show every value exactly (0.25, 1.5, 2.75). */
export const HOURS_FORMAT = '0.00';

/** A time as the system takes it: Beijing time, `YYYY-MM-DD HH:mm`, as text (no Excel date serial). */
export const beijingMinute = (d: Date) =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Whether names and ID numbers leave in clear (an audited reveal) or masked (the default). */
export type ExportMode = 'masked' | 'clear';

function cells(cipher: PersonalDataCipher, r: ServiceRecord, mode: ExportMode): (string | number | null)[] {
  const name = unseal(cipher, r.nameEnc);
  const idNumber = unseal(cipher, r.idNumberEnc);
  return [
    mode === 'clear' ? name : maskAs('name', name),
    ID_TYPE_ZH[r.idType] ?? r.idType,
    // always text: an 18-digit number would lose its last digits as an Excel number
    mode === 'clear' ? idNumber : maskAs('idNumber', idNumber),
    Math.round(r.hours * 100) / 100,
    beijingMinute(r.startsAt),
    beijingMinute(r.endsAt),
    r.title,
    r.typeName,
    r.place,
    r.teamName,
    r.categoryName,
    r.orgName,
    r.organiser,
    beijingMinute(r.verifiedAt),
  ];
}

/**
 * The verified service hours of an area in a period as .xlsx in the national system's columns. Names and ID
 * numbers are masked unless the caller asked for (and was allowed, and audited for) a clear export: the
 * system matches volunteers by ID number, so only the clear file imports as it is.
 */
export async function serviceWorkbook(
  db: Db,
  cipher: PersonalDataCipher,
  code: string,
  period: { from: string; to: string },
  mode: ExportMode = 'masked',
): Promise<{ bytes: Buffer; count: number }> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('志愿服务时长', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [...NATIONAL_COLUMNS, ...CHECK_COLUMNS].map((header, i) => ({
    header,
    width: WIDTHS[i],
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(3).numFmt = '@';
  sheet.getColumn(4).numFmt = HOURS_FORMAT;
  let after = 0;
  let n = 0;
  for (;;) {
    const page = await serviceRecords(db, code, period, after, PAGE);
    for (const r of page) sheet.addRow(cells(cipher, r, mode));
    n += page.length;
    if (page.length < PAGE) break;
    if (n >= EXPORT_ROW_CAP) {
      sheet.addRow([`已达导出上限 ${EXPORT_ROW_CAP} 行，请缩小期间后分批导出。`]);
      break;
    }
    after = page.at(-1)!.signupId;
  }
  return { bytes: Buffer.from(await book.xlsx.writeBuffer()), count: n };
}

/** The download's Content-Disposition: 志愿服务时长-YYYYMMDD.xlsx with an ASCII fallback name. */
export function serviceDisposition(now = new Date()): string {
  const day = districtDay(now).replaceAll('-', '');
  return `attachment; filename="volunteer-hours-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`志愿服务时长-${day}.xlsx`)}`;
}
