import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DEMO_PASSWORD,
  launchBrowser,
  type RunningServer,
  screenshotPath,
  startServer,
  submitLogin,
} from './harness.ts';

/**
 * The abuse limits as a person meets them, on a server of its own started with low limits (the shared server
 * of the other browser tests has them raised): a phone report over the intake limit is kept on the phone,
 * tracking lookups over the limit say so in Chinese, and a login locked after five failures says for how long.
 */

const PHONE = { width: 390, height: 844 };
const stamp = Date.now().toString(36);

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer(
    { RATE_LIMIT_INTAKE: '1/10m', RATE_LIMIT_CODE_LOOKUP: '2/10m' },
    'e2e-limits-server.log',
  );
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function newPage(viewport: { width: number; height: number }, extra = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...extra,
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

/** A point in the middle of the demo district 川汇区 (the phone's GPS position). */
const SPOT = { latitude: 33.63, longitude: 114.65 };

/** Cases whose text contains `text`, as the dispatcher sees them. */
async function casesMatching(text: string): Promise<unknown[]> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'dispatcher', password: DEMO_PASSWORD }),
  });
  const cookie = /cg_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
  const res = await fetch(`${server.url}/api/cases?q=${encodeURIComponent(text)}`, { headers: { cookie } });
  return ((await res.json()) as { data: unknown[] }).data;
}

/** Fills a street-light report at the phone's position and sends it (past a duplicate suggestion). */
async function report(page: Page, text: string): Promise<'sent' | 'saved'> {
  await page.goto(`${server.url}/m/report`);
  await page.getByTestId('report-category').click();
  await page.getByTestId('category-search').fill('路灯');
  await page.getByTestId('category-option-05.02').click();
  await page.getByTestId('report-gps').click();
  await expect.poll(() => page.getByTestId('report-location').textContent()).toContain('已定位');
  await page.getByTestId('report-description').fill(text);
  await page.getByTestId('report-submit').click();
  const sent = page
    .getByTestId('report-success')
    .waitFor()
    .then(() => 'sent' as const);
  const saved = page
    .getByTestId('report-saved')
    .waitFor()
    .then(() => 'saved' as const);
  const dupes = page
    .getByTestId('duplicates-sheet')
    .waitFor()
    .then(() => 'duplicates' as const);
  if ((await Promise.race([sent, saved, dupes])) === 'duplicates') {
    await page.getByTestId('duplicates-submit-anyway').click();
  }
  return Promise.race([sent, saved]);
}

// in this order: the report's success page looks its case up too, which counts against the lookup limit
describe('abuse limits in the browser', () => {
  test('tracking lookups over the limit are refused with a Chinese message and a way to retry', async () => {
    const page = await newPage(PHONE, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    for (const code of ['CG2601-AAAAAA', 'CG2601-AAAAAB']) {
      await page.goto(`${server.url}/m/track/${code}`);
      await expect.poll(() => page.getByTestId('error').textContent()).toContain(code);
    }
    await page.goto(`${server.url}/m/track/CG2601-AAAAAC`);
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('操作过于频繁，请稍后再试。');
    expect(await page.getByTestId('error').getByRole('button').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('limits-phone-track-limited-390'), fullPage: true });
  });

  test('a phone report over the intake limit is kept on the phone and nothing is created', async () => {
    const page = await newPage(PHONE, {
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      geolocation: SPOT,
      permissions: ['geolocation'],
    });
    expect(await report(page, `路灯不亮（限流一） ${stamp}`)).toBe('sent');
    const second = `路灯不亮（限流二） ${stamp}`;
    expect(await report(page, second)).toBe('saved');
    // the phone is online: it says the server cannot take it yet (and why), not "when online"
    const saved = await page.getByTestId('report-saved').textContent();
    expect(saved).toContain('服务器暂时无法受理，已保存在手机上，稍后自动发送');
    expect(saved).toContain('操作过于频繁，请稍后再试。');
    expect(await page.getByTestId('pending-item').count()).toBe(1);
    expect(await page.getByTestId('pending-status').textContent()).toBe(
      '稍后自动重试：操作过于频繁，请稍后再试。',
    );
    await page.screenshot({ path: screenshotPath('limits-phone-report-kept-390'), fullPage: true });
    expect(await casesMatching(second)).toEqual([]);
  });

  test('five wrong passwords lock the account at this address and say for how long', async () => {
    const page = await newPage({ width: 1440, height: 900 });
    for (let i = 0; i < 5; i++) {
      await submitLogin(page, server.url, 'admin', `wrong-${i}`);
      await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    }
    await submitLogin(page, server.url, 'admin', DEMO_PASSWORD);
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('登录失败次数过多，账号已临时锁定，请15分钟后再试。');
    await page.screenshot({ path: screenshotPath('limits-console-login-locked-1440'), fullPage: true });
  });
});
