import ExcelJS from 'exceljs';
import { AppError } from '../../../infra/errors.ts';
import { IMPORT_COLUMNS, type ImportKey, type RawRow, SAMPLE_ROW } from './columns.ts';
import type { RowError } from './validate-rows.ts';

/** The most data rows one import file may hold. */
export const MAX_IMPORT_ROWS = 200_000;

const NOTES = [
  '填写说明：',
  '1. 每行一名人员；网格编码、楼栋地址、单元、房号相同的行为同一户，每个新户须有一名「户主」。',
  '2. 证件类型：居民身份证、港澳台居民居住证或护照（空白视为居民身份证）；身份证号码须通过校验，且与出生日期、性别一致。',
  '3. 楼栋须已在系统中登记；新楼栋请填写楼栋经度、纬度（须在该网格范围内）。',
  '4. 出生日期、流动人口登记日期格式：1956-03-07。标签之间用“；”分隔。',
  '5. 同一文件可重复导入：已有人员按证件号码（无证件时按同户姓名与出生日期）匹配，内容相同的不会改动。',
  '6. 有错误的行（及其同户成员）不导入，其余住户照常导入；错误原因见导入后下载的错误报告。',
];

/** The import template: Chinese headers, a sample row, and a sheet of instructions. */
export async function templateWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('人员信息');
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  IMPORT_COLUMNS.forEach((c, i) => {
    if (c.required) sheet.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  sheet.addRow(IMPORT_COLUMNS.map((c) => SAMPLE_ROW[c.key]));
  // numbers that must stay text (ID numbers, phones, codes) are typed as text so Excel keeps every digit
  for (const key of ['gridCode', 'idNumber', 'phone', 'room', 'unit'] as ImportKey[])
    sheet.getColumn(key).numFmt = '@';
  const notes = book.addWorksheet('填写说明');
  notes.getColumn(1).width = 110;
  for (const line of NOTES) notes.addRow([line]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A cell as trimmed text: dates as YYYY-MM-DD, numbers without exponent, rich text joined. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('result' in v) return String(v.result ?? '').trim();
    if ('text' in v) return String(v.text).trim();
  }
  return String(v).trim();
}

/**
 * Reads the first sheet of an import file into rows by column key. Columns are found by their header, so a
 * sheet with its columns reordered still reads; a missing required header or an unreadable file is
 * IMPORT_FILE_INVALID. Blank rows are skipped.
 */
export async function readImportRows(bytes: Buffer): Promise<RawRow[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FILE_INVALID', 400);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('IMPORT_FILE_INVALID', 400);
  const at = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => at.set(cellText(cell), col));
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !at.has(c.header)).map((c) => c.header);
  if (missing.length)
    throw new AppError('IMPORT_FILE_INVALID', 400, [
      {
        field: 'file',
        message: { zh: `缺少列：${missing.join('、')}`, en: `missing columns: ${missing.join(', ')}` },
      },
    ]);
  const out: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const r = { row: n } as RawRow;
    let any = false;
    for (const c of IMPORT_COLUMNS) {
      const col = at.get(c.header);
      r[c.key] = col ? cellText(row.getCell(col)) : '';
      any ||= r[c.key] !== '';
    }
    if (any) out.push(r);
  });
  if (out.length > MAX_IMPORT_ROWS)
    throw new AppError('IMPORT_FILE_INVALID', 400, [
      { field: 'file', message: { zh: `最多${MAX_IMPORT_ROWS}行`, en: `at most ${MAX_IMPORT_ROWS} rows` } },
    ]);
  return out;
}

/** The error report: every refused row as the file had it, with the reasons in a column beside it. */
export async function errorReportWorkbook(rows: RawRow[], errors: RowError[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('错误报告');
  sheet.columns = [
    { header: '行号', key: 'row', width: 7 },
    { header: '错误原因', key: 'reasons', width: 48 },
    ...IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })),
  ];
  sheet.getRow(1).font = { bold: true };
  const byRow = new Map(rows.map((r) => [r.row, r]));
  for (const e of errors) {
    const r = byRow.get(e.row);
    const added = sheet.addRow({ ...(r ?? {}), row: e.row, reasons: e.reasons.join('；') });
    added.getCell('reasons').font = { color: { argb: 'FFC00000' } };
    added.getCell('reasons').alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 2 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
