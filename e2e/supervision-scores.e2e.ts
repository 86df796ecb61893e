import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, logIn, SCREENSHOT_DIR, screenshotPath, watchPage } from './harness.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('rankings with flags and bulletins (demo history)', () => {
  test('a leader reads the week’s ranking with its flags, opens a bulletin and prints it on A4', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = watchPage(page);
    await logIn(page, baseUrl, 'leader', DEMO_PASSWORD);
    await page.getByTestId('menu-rankings').click();
    await expect
      .poll(() => page.getByTestId('ranking-window').textContent(), { timeout: 20_000 })
      .toMatch(/考核期/);
    expect(await page.getByTestId('ranking-min').textContent()).toMatch(/参评最低案件数：\d+ 件/);
    await expect.poll(() => page.getByTestId('flag-red').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('flag-black').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('rankings-communities-flags-1440x900'), fullPage: true });
    await page.getByTestId('ranking-level').getByText('街道').click();
    await expect
      .poll(() => page.getByTestId('ranking-table').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('rankings-streets-1440x900'), fullPage: true });

    await page.getByTestId('menu-bulletins').click();
    await expect
      .poll(() => page.getByTestId('bulletin-link').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('bulletins-archive-1440x900'), fullPage: true });
    await page.getByTestId('bulletin-link').filter({ hasText: '周' }).first().click();
    await expect
      .poll(() => page.getByTestId('bulletin-number').textContent(), { timeout: 20_000 })
      .toMatch(/〔\d{4}〕\d+号/);
    expect(await page.getByTestId('bulletin-summary').textContent()).toMatch(/本期新增案件 \d+ 件/);
    await page.screenshot({ path: screenshotPath('bulletin-weekly-1440x900'), fullPage: true });
    // the printed form: A4 pages without the console around it
    await page.emulateMedia({ media: 'print' });
    await page.pdf({
      path: path.join(SCREENSHOT_DIR, 'bulletin-weekly-a4.pdf'),
      format: 'A4',
      printBackground: true,
    });
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
    await context.close();
  });

  test('the dashboard colours the map by the area score and lists the same KPI the cards show', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await logIn(page, baseUrl, 'leader', DEMO_PASSWORD);
    await page.getByTestId('menu-dashboard').click();
    await page.getByTestId('dashboard-metric').click();
    await page.getByTitle('综合评分').click();
    await expect.poll(() => page.getByTestId('node-metric').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('dashboard-score-1440x900'), fullPage: true });
    await context.close();
  });
});
