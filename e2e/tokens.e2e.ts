import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, logIn, screenshotPath, watchPage } from './harness.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Reports a case through the API channel with a bearer token, as the 12345 hotline system would. */
function reportWith(token: string) {
  return fetch(`${baseUrl}/api/cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      source: 'api',
      categoryCode: '05.02',
      description: '接口上报测试：路灯不亮',
      location: { lng: 114.65, lat: 33.63 },
    }),
  });
}

describe('API tokens in the console', () => {
  test('an integration account mints a token that works, and an administrator revokes it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = watchPage(page);
    await logIn(page, baseUrl, 'integration', DEMO_PASSWORD);
    // the token page is the integration account's only page, so it is where the console starts
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/tokens');
    await page.getByTestId('token-name').fill('12345 热线对接');
    await page.getByTestId('token-days').fill('30');
    await page.getByTestId('token-create').click();
    const token = ((await page.getByTestId('token-new').textContent()) ?? '').trim();
    expect(token.length).toBeGreaterThanOrEqual(32);
    const row = page.locator('tr', { hasText: '12345 热线对接' }).first();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('从未使用');
    await page.screenshot({ path: screenshotPath('tokens-created-once-1440x900'), fullPage: true });
    expect((await reportWith(token)).status).toBe(201);
    await page.reload();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).not.toContain('从未使用');
    await page.screenshot({ path: screenshotPath('tokens-last-used-1440x900'), fullPage: true });
    await context.close();

    const admin = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const adminPage = await admin.newPage();
    const adminProblems = watchPage(adminPage);
    await logIn(adminPage, baseUrl, 'admin', DEMO_PASSWORD);
    await adminPage.getByTestId('menu-tokens').click();
    const held = adminPage.locator('tr', { hasText: '12345 热线对接' }).first();
    await expect.poll(() => held.textContent(), { timeout: 15_000 }).toContain('integration');
    await adminPage.screenshot({ path: screenshotPath('tokens-admin-1440x900'), fullPage: true });
    await held.getByRole('button', { name: /吊\s*销/ }).click();
    await adminPage.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => held.textContent(), { timeout: 15_000 }).toContain('已吊销');
    expect((await reportWith(token)).status).toBe(401);
    expect(problems).toEqual([]);
    expect(adminProblems).toEqual([]);
    await admin.close();
  });

  test('a grid worker has no token page', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await logIn(page, baseUrl, 'gridworker', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('menu-desk').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('menu-tokens').count()).toBe(0);
    await context.close();
  });

  test('the token page fits a phone (390×844) without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await logIn(page, baseUrl, 'dispatcher', DEMO_PASSWORD);
    await page.goto(`${baseUrl}/tokens`);
    await page.getByTestId('token-table').waitFor();
    await page.screenshot({ path: screenshotPath('tokens-phone-390x844'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
