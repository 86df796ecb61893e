import ExcelJS from 'exceljs';
import type { Bulletin } from './queries.ts';

const KIND = { daily: '一天一通报', weekly: '一周一评比', monthly: '月讲评' } as const;
const RATES = [
  ['disposeRate', '处置率'],
  ['disposeOnTimeRate', '按期处置率'],
  ['closeRate', '结案率'],
  ['closeOnTimeRate', '按期结案率'],
  ['satisfactionRate', '满意率'],
  ['resolveRate', '解决率'],
  ['responseRate', '响应率'],
  ['recurrenceRate', '复发率'],
  ['reworkRate', '返工率'],
] as const;
const FLAG = { red: '红旗', black: '黑旗' } as const;
const LEVEL: Record<string, string> = { street: '街道', community: '社区/村', unit: '责任单位' };

/** The bulletin as an .xlsx workbook: one sheet per section, numbers as numbers, rates as percentages. */
export async function bulletinWorkbook(b: Bulletin): Promise<Buffer> {
  const c = b.content;
  const book = new ExcelJS.Workbook();
  const head = book.addWorksheet('通报');
  head.addRows([
    [b.issuer],
    [`${KIND[b.kind]}（${c.scopeName}）`],
    [b.number],
    ['通报期间', c.from, c.to],
    ['发布时间', new Date(b.issuedAt).toISOString()],
    [],
    ['新增案件', c.figures.reported],
    ['结案', c.figures.closed],
    ['超期未结', c.figures.overdue],
    ...RATES.map(([k, label]) => [label, c.rates[k].rate, c.rates[k].numerator, c.rates[k].denominator]),
  ]);
  head.getColumn(2).numFmt = '0.0%';
  head.getColumn(1).width = 16;
  for (let r = 7; r <= 9; r++) head.getCell(r, 2).numFmt = '0';
  const worst = book.addWorksheet('突出问题');
  worst.addRows([
    ['问题类别', '编码', '案件数', '其中超期'],
    ...c.worst.map((w) => [w.name, w.code, w.count, w.overdue]),
  ]);
  const units = book.addWorksheet('未按期处置单位');
  units.addRows([
    ['责任单位', '应处置', '未按期', '按期处置率'],
    ...c.lateUnits.map((u) => [u.name, u.due, u.late, u.rate]),
  ]);
  units.getColumn(4).numFmt = '0.0%';
  const flags = book.addWorksheet('评比结果');
  flags.addRow(['评比周', c.flags?.weekStart ?? '—']);
  flags.addRow(['层级', '分组', '名称', '综合评分', '等级', '名次', '参评数', '旗帜']);
  for (const level of c.flags?.levels ?? []) {
    for (const l of level.lines) {
      flags.addRow([
        LEVEL[level.level] ?? level.level,
        l.peerGroup,
        l.name,
        l.score,
        l.grade,
        l.rank,
        l.of,
        l.flag ? FLAG[l.flag] : '',
      ]);
    }
  }
  const insp = c.inspections;
  if (insp) {
    const sheet = book.addWorksheet('检查情况');
    sheet.addRows([
      ['检查合格率', insp.passRate.rate, insp.passRate.numerator, insp.passRate.denominator],
      ['不合格项', insp.failed],
      ['整改新增', insp.rectifications.opened],
      ['整改销号', insp.rectifications.struckOff],
      ['逾期未销号', insp.rectifications.overdue],
      [],
      ['不合格检查项', '次数'],
      ...insp.worstItems.map((w) => [w.text, w.failed]),
    ]);
    sheet.getCell('B1').numFmt = '0.0%';
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
