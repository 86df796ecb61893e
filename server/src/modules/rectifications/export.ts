import { INSPECTION_KIND_LABELS, type InspectionKind } from '@civicgrid/shared';
import ExcelJS from 'exceljs';
import type { Db } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { districtDay } from '../case-reports/period.ts';
import { listRectifications, type RectificationFilters, type RectificationRow } from './queries.ts';

/** The most rows one export holds (a last row says so when there were more). */
export const EXPORT_ROW_CAP = 20_000;
const PAGE = 1000;

const STATE_ZH: Record<string, string> = {
  open: '整改中',
  overdue: '已超期',
  awaiting_recheck: '待复查',
  struck_off: '已销号',
};

const COLUMNS: { header: string; width: number }[] = [
  { header: '序号', width: 6 },
  { header: '来源', width: 10 },
  { header: '检查/通报', width: 26 },
  { header: '点位', width: 20 },
  { header: '问题', width: 44 },
  { header: '类别', width: 16 },
  { header: '街道', width: 14 },
  { header: '责任领导', width: 12 },
  { header: '责任单位', width: 18 },
  { header: '整改时限', width: 12 },
  { header: '案件编号', width: 10 },
  { header: '状态', width: 10 },
  { header: '复查', width: 24 },
];

/** Where a row came from, in the words of the list. */
export function originText(r: RectificationRow): string {
  return r.origin === 'bulletin' ? '上级通报' : INSPECTION_KIND_LABELS[r.origin as InspectionKind].zh;
}

function cells(r: RectificationRow, n: number): (string | number | null)[] {
  const recheck = r.recheckAt
    ? `${r.recheckPassed ? '通过' : '未通过'} ${districtDay(r.recheckAt)}${r.recheckNote ? ` ${r.recheckNote}` : ''}`
    : null;
  return [
    n,
    originText(r),
    r.inspectionTitle ? `${r.inspectedOn} ${r.inspectionTitle}` : r.originRef,
    r.pointName,
    r.itemText ?? r.description,
    r.categoryNameZh,
    r.streetName,
    r.leaderName,
    r.unitName,
    r.deadlineOn,
    r.caseId,
    `${STATE_ZH[r.state] ?? r.state}${r.overdue && r.state !== 'overdue' ? '（超期）' : ''}`,
    recheck,
  ];
}

/** The rectification list (整改清单) the actor may read, filtered, as an .xlsx workbook in a buffer. */
export async function rectificationWorkbook(db: Db, actor: Actor, f: RectificationFilters): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('整改清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  let n = 0;
  let after: { deadlineOn: string; id: number } | null = null;
  for (;;) {
    const page = await listRectifications(db, actor, f, { limit: PAGE, after });
    for (const r of page.data) {
      n += 1;
      const row = sheet.addRow(cells(r, n));
      if (r.overdue) row.font = { color: { argb: 'FFCF1322' } };
    }
    const last = page.data.at(-1);
    if (!last || page.data.length < PAGE) break;
    if (n >= EXPORT_ROW_CAP) {
      sheet.addRow([`已达导出上限 ${EXPORT_ROW_CAP} 行，请缩小筛选范围后分批导出。`]);
      break;
    }
    after = { deadlineOn: last.deadlineOn, id: last.id };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
