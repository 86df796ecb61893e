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

/** Posts an Open311 service request with a key, as a standard client would. */
function postRequest(key: string) {
  const body = new URLSearchParams({
    api_key: key,
    service_code: '05.02',
    lat: '33.63',
    long: '114.65',
    description: '开放接口测试：路灯不亮',
  });
  return fetch(`${baseUrl}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

describe('Open311 keys in the console', () => {
  test('an administrator creates a key that works once shown, then revokes it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = watchPage(page);
    await logIn(page, baseUrl, 'admin', DEMO_PASSWORD);
    await page.goto(`${baseUrl}/open311`);
    await page.getByTestId('open311-name').fill('12345 热线平台');
    await page.getByTestId('open311-create').click();
    const key = (await page.getByTestId('open311-new-key').textContent())?.trim() ?? '';
    expect(key.length).toBeGreaterThanOrEqual(16);
    await page.screenshot({ path: screenshotPath('open311-keys-desktop-1440x900'), fullPage: true });

    const accepted = await postRequest(key);
    expect(accepted.status).toBe(201);
    const [created] = (await accepted.json()) as { service_request_id: string }[];
    expect(created?.service_request_id).toMatch(/^\d+$/);

    const row = page.locator('tr', { hasText: '12345 热线平台' }).first();
    await row.getByRole('button', { name: /吊\s*销/ }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('已吊销');
    expect((await postRequest(key)).status).toBe(403);
    expect(problems).toEqual([]);
    await context.close();
  });
});
