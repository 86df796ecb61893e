import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { api, DESKTOP, IN_GRIDWORKER_GRID, PHONE_CONTEXT, sessionOf, snap } from './case-loop-helpers.ts';
import { DEMO_PASSWORD, launchBrowser, logIn, watchPage } from './harness.ts';

/**
 * 五星支部 in the console and the 便民 list on the phone, zh-CN: the demo community fills in and submits its
 * self-assessment, the street office reviews it (one item returned, then accepted); a resident opens the
 * 便民 list at 390 × 844 and finds a clinic nearby.
 */

const baseUrl = inject('baseUrl');

interface Standing {
  code: string;
  name: string;
  state: string | null;
}

async function desktopAs(browser: Browser, username: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems = watchPage(page);
  await logIn(page, baseUrl, username, DEMO_PASSWORD);
  return { page, problems };
}

describe('five-star branches and the 便民 directory', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('the community submits its self-assessment and the street reviews it', async () => {
    const cookie = await sessionOf(baseUrl, 'community');
    const mine = await api<{ data: Standing[]; year: number }>(baseUrl, 'GET', '/api/five-star/standings', {
      cookie,
    });
    expect(mine.data).toHaveLength(1);
    const { code, name } = mine.data[0]!;
    const year = mine.year;

    const { page, problems } = await desktopAs(browser, 'community');
    await page.goto(`${baseUrl}/five-star`);
    await page.getByTestId(`five-star-open-${code}`).click();
    await page.getByTestId('five-star-branch-page').waitFor();
    expect(await page.getByTestId('five-star-state').textContent()).toBe('自评中');
    for (const key of ['b-organisation', 'b-discipline', 's-accident', 'w-jobs', 'x-partners']) {
      await page.getByTestId(`five-star-pass-${key}`).getByText('是').click();
    }
    for (const [key, v] of [
      ['b-score', '91'],
      ['w-business', '75'],
      ['x-volunteers', '80'],
    ]) {
      await page.getByTestId(`five-star-value-${key}`).fill(v!);
    }
    await page.getByTestId('five-star-save').click();
    await expect.poll(() => page.getByTestId('five-star-earned').textContent()).toContain('支部过硬');
    await page.getByTestId('five-star-submit').click();
    await expect.poll(() => page.getByTestId('five-star-state').textContent()).toBe('待街道审核');
    await snap(page, 'five-star-submitted', true);
    expect(problems).toEqual([]);
    await page.context().close();

    const street = await desktopAs(browser, 'street');
    await street.page.goto(`${baseUrl}/five-star`);
    await street.page.getByTestId(`five-star-open-${code}`).click();
    await street.page.getByTestId('five-star-send-review').waitFor();
    await street.page.getByTestId('five-star-review-b-score').getByText('退回').click();
    await street.page.getByTestId('five-star-reason-b-score').fill('请补充党建考核表扫描件');
    await snap(street.page, 'five-star-review', true);
    await street.page.getByTestId('five-star-send-review').click();
    await expect.poll(() => street.page.getByTestId('five-star-state').textContent()).toBe('已退回修改');
    expect(await street.page.getByTestId('five-star-history').textContent()).toContain(
      '请补充党建考核表扫描件',
    );
    expect(street.problems).toEqual([]);
    await street.page.context().close();

    // the community resubmits through the API; the street then accepts every item in the browser
    await api(baseUrl, 'POST', `/api/five-star/branches/${code}/years/${year}/submit`, { cookie });
    const again = await desktopAs(browser, 'street');
    await again.page.goto(`${baseUrl}/five-star/${code}/${year}`);
    await again.page.getByTestId('five-star-send-review').click();
    await expect.poll(() => again.page.getByTestId('five-star-state').textContent()).toBe('待区级评定');
    const admin = await sessionOf(baseUrl, 'admin');
    const ranked = await api<{ data: Standing[] }>(baseUrl, 'GET', `/api/five-star/standings?year=${year}`, {
      cookie: admin,
    });
    expect(ranked.data.find((b) => b.code === code)).toMatchObject({ name, state: 'reviewed' });
    await again.page.context().close();
    // generous: four browser sessions against a server on a shared, busy machine
  }, 600_000);

  test('a resident opens the 便民 list on the phone and finds services by distance', async () => {
    const context = await browser.newContext({
      ...PHONE_CONTEXT,
      geolocation: { latitude: IN_GRIDWORKER_GRID.lat, longitude: IN_GRIDWORKER_GRID.lng },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const problems = watchPage(page);
    await page.goto(`${baseUrl}/m/`);
    await page.getByTestId('landing-directory').click();
    await page.getByTestId('directory-item').first().waitFor();
    const distances = await page
      .getByTestId('directory-item')
      .evaluateAll((els) => els.map((e) => Number(/([0-9]+) 米/.exec(e.textContent ?? '')?.[1] ?? 'NaN')));
    expect(distances.length).toBeGreaterThan(3);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, 'directory-phone');
    await page.getByTestId('directory-search').fill('体检');
    await page.getByTestId('directory-search').press('Enter');
    await expect
      .poll(async () =>
        (await page.getByTestId('directory-item').allTextContents()).every((t) => t.includes('体检')),
      )
      .toBe(true);
    expect(await page.getByTestId('directory-item').first().textContent()).toContain('卫生服务站');
    // the landing page asks who is logged in (401 for a resident without an account): expected
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await context.close();
  }, 600_000);
});
