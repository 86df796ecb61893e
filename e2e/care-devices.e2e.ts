import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { signedHeaders } from '../server/src/modules/care-devices/signing.ts';
import { snap } from './case-loop-helpers.ts';
import { DEMO_PASSWORD, launchBrowser, logIn, watchPage } from './harness.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A signed heartbeat, as the device's firmware would send it with the key the console showed once. */
function heartbeat(device: { id: number; key: string }) {
  const url = '/api/device/v1/heartbeat';
  const body = '{}';
  return fetch(`${baseUrl}${url}`, {
    method: 'POST',
    headers: signedHeaders(device, 'POST', url, body),
    body,
  });
}

describe('care devices in the console', () => {
  test('the community office sees its devices’ health, registers one (key shown once) and the device calls in', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = watchPage(page);
    await logIn(page, baseUrl, 'community', DEMO_PASSWORD);
    await page.getByTestId('menu-care-devices').click();
    const silent = page.locator('tr', { hasText: '独居老人一键报平安按钮' }).first();
    await expect.poll(() => silent.textContent(), { timeout: 15_000 }).toContain('失联');
    expect(await page.getByRole('alert').count()).toBe(0);
    await snap(page, 'care-devices-list-1440x900', true);

    await page.getByTestId('device-create').click();
    await page.getByTestId('device-name').fill('浏览器测试门禁');
    await page.getByTestId('device-save').click();
    const key = ((await page.getByTestId('device-key').textContent()) ?? '').trim();
    expect(key).toMatch(/^cgdk_/);
    const row = page.locator('tr', { hasText: '浏览器测试门禁' }).first();
    // neither a heartbeat nor a sighting yet: both columns say 从未
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('从未从未');
    await snap(page, 'care-devices-key-once-1440x900', true);
    const id = Number((await row.getByTestId(/device-edit-/).getAttribute('data-testid'))?.split('-').pop());
    expect((await heartbeat({ id, key })).status).toBe(200);
    await page.reload();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).not.toContain('从未从未');
    // the key is not shown again
    expect(await page.getByTestId('device-key').count()).toBe(0);

    // the demo's compound gates share references for the eldest residents of 富民社区第1网格
    await page
      .locator('tr', { hasText: '富民小区南门门禁' })
      .first()
      .getByTestId(/device-refs-/)
      .click();
    await expect.poll(() => page.getByText('FM-0001').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await snap(page, 'care-devices-refs-1440x900', true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
