import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { axeViolations } from './axe.ts';
import { residentReport, snap } from './case-loop-helpers.ts';
import { watchCsp } from './csp-watch.ts';
import { DEMO_PASSWORD, launchBrowser, logIn, watchPage } from './harness.ts';

const baseUrl = inject('baseUrl');
const SCREEN = { width: 1920, height: 1080 };
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
});

/** A logged-in page of a demo account at the command centre's screen size, in Chinese. */
async function screenPage(username: string): Promise<{ page: Page; problems: string[]; csp: string[] }> {
  const context = await browser.newContext({
    viewport: SCREEN,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems = watchPage(page);
  // the stream, the map's worker and the charts all run under the console's Content-Security-Policy
  const csp = await watchCsp(page);
  await logIn(page, baseUrl, username, DEMO_PASSWORD);
  return { page, problems, csp };
}

/** Waits until the screen's stream is open and its map has drawn the areas. */
async function screenReady(page: Page): Promise<void> {
  await page.locator('[data-testid=screen-page][data-live=true]').waitFor();
  await page.locator('[data-testid=screen-map][data-idle=true]').waitFor();
  await page.getByTestId('kpi-reported').waitFor();
}

const serious = (problems: string[]) =>
  problems.filter((p) => p.startsWith('page error') || p.startsWith('HTTP 5'));

describe('the big screen (大屏)', () => {
  test('the command centre opens it from the dashboard at 1920×1080 and a case reported meanwhile appears live', async () => {
    const { page, problems, csp } = await screenPage('admin');
    await page.goto(`${baseUrl}/dashboard`);
    await page.getByTestId('kpi-reported').waitFor();
    await snap(page, 'dashboard-screen-button-1920x1080');
    await page.getByTestId('dashboard-screen').click();
    await page.waitForURL('**/screen');
    await screenReady(page);
    // no console frame: neither the side menu nor the header
    expect(await page.getByTestId('nav-menu').count()).toBe(0);
    expect(await page.getByTestId('user-name').count()).toBe(0);
    for (const panel of [
      'screen-recent',
      'screen-overdue',
      'screen-inspections',
      'screen-care',
      'screen-devices',
    ])
      await page.getByTestId(panel).waitFor();
    expect(await page.getByTestId('screen-page').textContent()).not.toMatch(/screen\.|dashboard\.|kpi\./);

    // a resident reports through the phone page's API while the screen is open: no reload
    const reported = await residentReport(baseUrl, '大屏实时测试：人民路口占道经营');
    await page.locator(`[data-testid=screen-live-point][data-case-id="${reported.id}"]`).waitFor();
    // the lists around the map follow (the stream refreshes them at most every 10 s)
    await expect
      .poll(() => page.locator(`[data-testid=screen-recent] [data-case-id="${reported.id}"]`).count(), {
        timeout: 40_000,
      })
      .toBeGreaterThan(0);

    // colouring by a KPI is kept in the address, so a saved link reopens the screen as it was
    await page.getByTestId('screen-metric').click();
    await page.getByRole('option', { name: '按期处置率' }).click();
    await page.waitForURL('**/screen?metric=disposeOnTimeRate');
    await page.locator('[data-testid=screen-map][data-idle=true]').waitFor();
    await snap(page, 'big-screen-1920x1080');
    expect(await axeViolations(page)).toEqual([]);
    expect(serious(problems)).toEqual([]);
    expect(csp).toEqual([]);
  });

  test('a leader finds it in the menu; the panels follow the leader’s permissions', async () => {
    const { page, problems, csp } = await screenPage('leader');
    // the leader's start page is the dashboard; the big screen is the next entry of the menu
    await page.waitForURL('**/dashboard');
    await page.getByTestId('menu-screen').click();
    await page.waitForURL('**/screen');
    await screenReady(page);
    await page.getByTestId('screen-inspections').waitFor();
    // a leader reads no watch list and no device registry: those panels are not offered
    expect(await page.getByTestId('screen-care').count()).toBe(0);
    expect(await page.getByTestId('screen-devices').count()).toBe(0);
    await snap(page, 'big-screen-leader-1920x1080');
    expect(await axeViolations(page)).toEqual([]);
    // made for a wall display, it still reads on a phone: one column, nothing wider than the screen
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-testid=screen-map][data-idle=true]').waitFor();
    await snap(page, 'big-screen-phone-390x844', true);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.setViewportSize(SCREEN);
    await page.getByTestId('screen-exit').click();
    await page.waitForURL('**/dashboard');
    // the dashboard's 大屏 button wraps under the period picker on a phone
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('dashboard-screen').waitFor();
    await snap(page, 'dashboard-screen-button-phone-390x844');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    expect(serious(problems)).toEqual([]);
    expect(csp).toEqual([]);
  });
});
