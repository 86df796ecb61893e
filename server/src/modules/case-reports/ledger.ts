import { PassThrough } from 'node:stream';
import { CASE_SOURCE_LABELS, CASE_STATE_LABELS, type CaseSource, type CaseState } from '@civicgrid/shared';
import ExcelJS from 'exceljs';
import type { Db } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { type Cursor, decodeCursor, type SortKey, type SortOrder } from './cursor.ts';
import type { CaseFilters } from './filters.ts';
import { districtDay } from './period.ts';
import { type LedgerRow, listLedgerRows } from './queries.ts';

/** The most rows one ledger file holds; a last row says so when the filters matched more. */
export const LEDGER_ROW_CAP = 100_000;
const BATCH = 1000;

// The ledger is read by Chinese staff and printed, so its values are Chinese words, not API codes; the
// sources in the shared words of the case page (CASE_SOURCE_LABELS), so the two never name one differently.
const URGENCY_ZH: Record<string, string> = { normal: '一般', urgent: '紧急', critical: '特急' };
const RATING_ZH: Record<string, string> = { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' };

const COLUMNS: { header: string; width: number }[] = [
  { header: '案件编号', width: 12 },
  { header: '来源', width: 12 },
  { header: '类别', width: 22 },
  { header: '紧急程度', width: 10 },
  { header: '状态', width: 10 },
  { header: '问题描述', width: 50 },
  { header: '地址', width: 30 },
  { header: '所属网格', width: 18 },
  { header: '责任单位', width: 20 },
  { header: '上报时间', width: 18 },
  { header: '处置时限', width: 18 },
  { header: '结案时间', width: 18 },
  { header: '是否超期', width: 10 },
  { header: '评价', width: 10 },
];
const TIME_COLUMNS = [10, 11, 12];

// Excel has no time zones: a cell shows the serial it holds, so times are shifted to the district's clock.
const local = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3600_000) : null);

/** One ledger row as the sheet's cells, in COLUMNS order. */
function cells(r: LedgerRow): (string | number | Date | null)[] {
  return [
    // the case number; the tracking code is the reporter's credential and stays out of every export
    r.id,
    CASE_SOURCE_LABELS[r.source as CaseSource]?.zh ?? r.source,
    r.categoryNameZh ? `${r.categoryCode} ${r.categoryNameZh}` : r.categoryCode,
    URGENCY_ZH[r.urgency] ?? r.urgency,
    CASE_STATE_LABELS[r.state as CaseState]?.zh ?? r.state,
    r.description,
    r.address,
    r.gridName,
    r.unitName,
    local(r.reportedAt),
    local(r.deadlineAt),
    local(r.closedAt),
    r.overdue ? '是' : '否',
    r.rating ? (RATING_ZH[r.rating] ?? r.rating) : null,
  ];
}

/** The download's Content-Disposition: 台账-YYYYMMDD.xlsx (district calendar) with an ASCII fallback name. */
export function ledgerDisposition(now: Date): string {
  const day = districtDay(now).replaceAll('-', '');
  return `attachment; filename="ledger-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`台账-${day}.xlsx`)}`;
}

/**
 * Streams the ledger (台账) of every case the actor may see that matches the filters, in list order, as an
 * .xlsx written row by row (a page of rows in memory at a time), up to `cap` (LEDGER_ROW_CAP) rows.
 */
export function streamLedger(
  db: Db,
  actor: Actor,
  filters: CaseFilters,
  opts: { sort: SortKey; order: SortOrder; now: Date; cap?: number },
): PassThrough {
  const cap = opts.cap ?? LEDGER_ROW_CAP;
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = book.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c, i) => ({
    header: c.header,
    width: c.width,
    ...(TIME_COLUMNS.includes(i) ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    let written = 0;
    let cursor: Cursor | null = null;
    for (;;) {
      const limit = Math.min(BATCH, cap - written);
      const page = await listLedgerRows(db, actor, filters, { ...opts, cursor, limit });
      for (const row of page.data) sheet.addRow(cells(row)).commit();
      written += page.data.length;
      if (!page.nextCursor) break;
      if (written >= cap) {
        sheet.addRow([`已达导出上限 ${cap} 行，其余案件未导出，请缩小筛选范围后分批导出。`]).commit();
        break;
      }
      cursor = decodeCursor(page.nextCursor, opts.sort, opts.order);
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
