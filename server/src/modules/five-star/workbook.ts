import { STAR_LABELS, type StarKey } from '@civicgrid/shared';
import ExcelJS from 'exceljs';
import type { BranchStanding } from './queries.ts';

const STATE_ZH: Record<string, string> = {
  draft: '自评中',
  submitted: '待街道审核',
  returned: '已退回',
  reviewed: '待区级评定',
  decided: '已评定',
};

/** The year's ranking as .xlsx (排名, 支部, 街道, 类型, 星数, 星, 环节, 否决), like the other ledgers' exports. */
export async function standingsWorkbook(year: number, list: BranchStanding[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(`五星支部${year}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '排名', width: 6 },
    { header: '社区/村', width: 18 },
    { header: '街道', width: 14 },
    { header: '类型', width: 6 },
    { header: '星数', width: 6 },
    { header: '所获星', width: 40 },
    { header: '环节', width: 12 },
    { header: '否决记录', width: 8 },
  ];
  sheet.getRow(1).font = { bold: true };
  list.forEach((b, i) => {
    sheet.addRow([
      i + 1,
      b.name,
      b.streetName,
      b.scope === 'rural' ? '农村' : '城市',
      b.stars.length,
      b.stars.map((s) => STAR_LABELS[s as StarKey]?.zh ?? s).join('、'),
      b.state ? STATE_ZH[b.state] : '未开始',
      b.vetoed ? '有' : '',
    ]);
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
