import ExcelJS from 'exceljs';
import { describe, expect, inject, test } from 'vitest';
import { api, sessionOf, snap, useRolePages } from './case-loop-helpers.ts';

// The people archive in the console (issue 11): a grid worker finds an elder living alone by tag, opens the
// household, reveals the ID number with a reason; a community imports a sheet with errors, watches the job
// and reads the row-level error report. Desktop, zh-CN.

const baseUrl = inject('baseUrl');

interface Tag {
  id: number;
  name: string;
}

/** An import sheet: the template's columns, one good household, and rows with the usual mistakes. */
async function sheetWithErrors(cookie: string): Promise<Buffer> {
  const res = await fetch(`${baseUrl}/api/people/import/template.xlsx`, { headers: { cookie } });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const sample = (sheet.getRow(2).values as string[]).slice(1);
  const stamp = String(Date.now()).slice(-3);
  const row = (over: Record<number, string>) => sample.map((v, i) => over[i] ?? v);
  // columns: 0 grid, 1 building, 6 room, 8 name, 9 relation, 10 gender, 11 birth, 13 ID, 14 phone
  sheet.spliceRows(2, 1);
  sheet.addRow(row({ 6: `9${stamp}`, 13: '' }));
  sheet.addRow(row({ 6: `8${stamp}`, 13: '411602195603070011' }));
  sheet.addRow(row({ 6: `7${stamp}`, 13: '', 14: '12345' }));
  sheet.addRow(row({ 6: `6${stamp}`, 13: '', 8: '' }));
  sheet.addRow(row({ 6: `5${stamp}`, 13: '', 0: '411602999999999' }));
  sheet.addRow(row({ 6: `4${stamp}`, 13: '', 11: '1956-02-30' }));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('the people archive', () => {
  const { browser, roles } = useRolePages(baseUrl);

  test('a grid worker finds an elder living alone, opens the household and reveals the ID number', async () => {
    const cookie = await sessionOf(baseUrl, 'gridworker');
    const tags = (await api<{ data: Tag[] }>(baseUrl, 'GET', '/api/people/tags', { cookie })).data;
    expect(tags.map((t) => t.name)).toContain('独居老人');
    const page = await roles().open('gridworker');
    await page.goto(`${baseUrl}/people`);
    await page.getByTestId('people-tag').click();
    await page.locator('.ant-select-item-option', { hasText: '独居老人' }).click();
    await page.getByTestId('people-submit').click();
    const first = page.getByTestId('people-results').locator('tbody a').first();
    await first.waitFor();
    await snap(page, 'people-search-1440x900');
    await first.click();
    await page.getByTestId('household-page').waitFor();
    const members = page.getByTestId('household-members');
    await expect.poll(() => members.textContent()).toContain('独居老人');
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toMatch(/\d{4}\*{10}[\dX]{4}/);
    expect(body).toContain('80岁以上');
    await snap(page, 'people-household-1440x900', true);
    const reveal = page.locator('[data-testid^=reveal-]').first();
    await reveal.click();
    await page.locator('.ant-modal textarea, .ant-modal input').first().fill('核实高龄补贴申报');
    await page.getByTestId('reveal-submit').click();
    await expect.poll(async () => (await members.textContent()) ?? '').toMatch(/411602\d{11}[\dX]/);
    await snap(page, 'people-household-revealed-1440x900', true);
    expect(roles().serious()).toEqual([]);
  });

  test('a community imports a sheet with errors and reads the error report', async () => {
    const cookie = await sessionOf(baseUrl, 'community');
    const page = await roles().open('community');
    await page.goto(`${baseUrl}/people`);
    await page.getByTestId('import-panel').waitFor();
    const file = await sheetWithErrors(cookie);
    await page.locator('input[type=file]').setInputFiles({
      name: '富民社区人员.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    const job = page.getByTestId('import-job');
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    expect(await job.textContent()).toContain('错误 5 行');
    await snap(page, 'people-import-done-1440x900', true);
    const href = await page.getByTestId('import-report').getAttribute('href');
    const report = await fetch(`${baseUrl}${href}`, { headers: { cookie } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await report.arrayBuffer()) as ArrayBuffer);
    const rows: string[][] = [];
    book.worksheets[0]!.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1, 12).map((v) => String(v ?? '')));
    });
    expect(
      rows
        .slice(1)
        .map((r) => r[1])
        .join('\n'),
    ).toMatch(/校验位错误[\s\S]*联系电话格式不正确[\s\S]*姓名[\s\S]*网格编码不存在[\s\S]*出生日期无效/);
    // the report as a sheet would show it, for the screenshot
    const cells = rows.map(
      (r, i) => `<tr>${r.map((c) => (i ? `<td>${c}</td>` : `<th>${c}</th>`)).join('')}</tr>`,
    );
    const view = await browser().newPage({ viewport: { width: 1440, height: 500 } });
    await view.setContent(
      `<html><body style="font-family:sans-serif;font-size:13px"><h3>导入错误报告（${book.worksheets[0]!.name}）</h3>
       <table border="1" cellspacing="0" cellpadding="4">${cells.join('')}</table></body></html>`,
    );
    await view.screenshot({
      path: (await import('./harness.ts')).screenshotPath('people-import-error-report'),
    });
    await view.close();
  });
});
