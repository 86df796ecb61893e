import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  api as apiCall,
  DESKTOP,
  PHONE_CONTEXT,
  sessionOf,
  snap as settledSnap,
} from './case-loop-helpers.ts';
import { DEMO_PASSWORD, launchBrowser, logIn, watchPage } from './harness.ts';

/**
 * The care watch in the browser (docs/care.md): a demo elder whose door sensor stopped reporting 26 hours ago is
 * swept into an alert; the grid worker's phone (390 × 844, zh-CN) shows it on top, "safe" closes it; the elder's
 * check-in page; the console's watch list.
 */

const baseUrl = inject('baseUrl');
const api = <T>(method: string, path: string, cookie: string, body?: unknown) =>
  apiCall<T>(baseUrl, method, path, { cookie, body });

interface Watched {
  personId: number;
  name: string;
  alert: { caseId: number } | null;
}

/** Fails on sideways scrolling at phone width, then saves a settled full-page screenshot. */
async function phoneSnap(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page wider than the phone`).toBeLessThanOrEqual(0);
  await settledSnap(page, `care-${name}`, true);
}

describe('the care watch', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const phone = async () => {
    const c = await browser.newContext(PHONE_CONTEXT);
    contexts.push(c);
    const page = await c.newPage();
    page.setDefaultTimeout(30_000);
    return page;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });

  test('an elder unseen past the threshold is swept into an alert, the phone shows it, "safe" closes it', async () => {
    const worker = await sessionOf(baseUrl, 'gridworker');
    // the sweep runs every minute: the demo elder last seen 26 hours ago gets an alert within one
    let alerted: Watched | undefined;
    await expect
      .poll(
        async () => {
          const list = await api<{ data: Watched[] }>('GET', '/api/care/watched', worker);
          alerted = list.data.find((w) => w.alert);
          return Boolean(alerted);
        },
        { timeout: 150_000, interval: 3_000 },
      )
      .toBe(true);

    const page = await phone();
    const problems = watchPage(page);
    await page.goto(`${baseUrl}/m/login?next=${encodeURIComponent('/care')}`);
    await page.getByTestId('login-username').fill('gridworker');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('care-page').waitFor();
    problems.length = 0;
    // open alerts on top
    await page.getByTestId('care-open-alert').first().waitFor();
    expect(await page.getByTestId('care-elder').first().textContent()).toContain(alerted!.name);
    await phoneSnap(page, 'phone-list');

    await page.getByTestId('care-open-alert').first().click();
    await page.getByTestId('care-alert-page').waitFor();
    await page.getByTestId('care-step').first().waitFor();
    expect(await page.getByTestId('care-step').first().textContent()).toContain('预警发出');
    await phoneSnap(page, 'phone-alert');
    await page.getByTestId('care-outcome-safe').check();
    await page.getByTestId('care-note').fill('上门看到老人在家，门磁电池没电');
    await page.getByTestId('care-close').click();
    await page.getByTestId('care-closed').waitFor();
    expect(await page.getByTestId('care-closed').textContent()).toContain('平安');
    await phoneSnap(page, 'phone-closed');
    const after = await api<{ data: Watched[] }>('GET', '/api/care/watched', worker);
    expect(after.data.find((w) => w.personId === alerted!.personId)!.alert).toBeNull();
    expect(problems).toEqual([]);
  }, 240_000);

  test('the elder checks in with one big button from their personal link', async () => {
    const worker = await sessionOf(baseUrl, 'gridworker');
    const list = await api<{ data: Watched[] }>('GET', '/api/care/watched', worker);
    const elder = list.data[list.data.length - 1]!;
    const link = await api<{ data: { checkinToken: string } }>(
      'POST',
      `/api/care/watched/${elder.personId}/checkin-link`,
      worker,
      {},
    );
    const page = await phone();
    await page.goto(`${baseUrl}/m/checkin#${link.data.checkinToken}`);
    await page.getByTestId('checkin-button').waitFor();
    expect(await page.getByTestId('checkin-hello').textContent()).toContain(elder.name);
    await phoneSnap(page, 'checkin');
    await page.getByTestId('checkin-button').click();
    await page.getByTestId('checkin-done').waitFor();
    await phoneSnap(page, 'checkin-done');
  }, 120_000);

  test('the console lists the watched elders of the community', async () => {
    const c = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(c);
    const page = await c.newPage();
    page.setDefaultTimeout(30_000);
    await logIn(page, baseUrl, 'community', DEMO_PASSWORD);
    await page.goto(`${baseUrl}/care`);
    await page.getByTestId('care-page').waitFor();
    await page.locator('[data-testid="care-watch-list"] tbody tr').first().waitFor();
    await page.locator('[data-testid^="care-row-"]').first().click();
    await page.getByText('同意记录').waitFor();
    await settledSnap(page, 'care-console-watch-list', true);
  }, 120_000);
});
