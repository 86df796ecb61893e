import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { axeViolations } from './axe.ts';
import { api, fire, openCase, PHONE, residentReport, sessionOf, snap } from './case-loop-helpers.ts';
import { DEMO_PASSWORD, launchBrowser, logIn, watchPage } from './harness.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A logged-in console page of a demo account in Chinese, at desktop width unless phone is asked for. */
async function consolePage(username: string, phone = false): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: phone ? PHONE : { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const problems = watchPage(page);
  await logIn(page, baseUrl, username, DEMO_PASSWORD);
  return { page, problems };
}

/** "YYYY-MM-DD HH:mm" of an instant in China time, as the console prints it. */
const chinaTime = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('administrators configure categories in the console', () => {
  test('an admin changes a time limit, and the next case dispatched in that category gets it', async () => {
    const { page, problems } = await consolePage('admin');
    await page.getByTestId('menu-categories').click();
    await page.getByTestId('categories-search').fill('06.01');
    const limits = page.getByTestId('category-limits-06.01');
    await expect.poll(() => limits.textContent(), { timeout: 15_000 }).toBe('1 工作日 / 4 工作时 / 2 工作时');
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'admin-categories-desktop-1440x900');

    await page.getByTestId('category-edit-06.01').click();
    const value = page.getByTestId('limit-normal-value');
    // a limit the server refuses is flagged beside the field, and nothing is saved
    await value.fill('0');
    await page.getByTestId('category-form-submit').click();
    await page.getByText('请填写时限').first().waitFor();
    await value.fill('3');
    await snap(page, 'admin-category-edit-desktop-1440x900');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('category-form-submit').click();
    await expect.poll(() => limits.textContent(), { timeout: 15_000 }).toBe('3 工作日 / 4 工作时 / 2 工作时');

    // the change is in the audit log, by name
    const admin = await sessionOf(baseUrl, 'admin');
    const audit = await api<{ data: { action: string; entityId: string }[] }>(
      baseUrl,
      'GET',
      '/api/audit?entity=category&limit=5',
      { cookie: admin },
    );
    expect(audit.data.some((e) => e.action === 'category.update' && e.entityId === '06.01')).toBe(true);

    // a new case of 绿地脏乱 is dispatched with three working days
    const c = await residentReport(baseUrl, 'e2e 分类时限：绿地里堆满了垃圾杂物', '06.01');
    const dc = await sessionOf(baseUrl, 'dispatcher');
    await fire(baseUrl, dc, c.id, 'file');
    const d = await consolePage('dispatcher');
    await openCase(d.page, baseUrl, c.id, 'filed');
    await d.page.getByTestId('action-dispatch').click();
    const preview = d.page.getByTestId('deadline-preview');
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toMatch(/处置时限：3 个工作日/);
    const shown = (await preview.textContent())?.match(/截止 (\d{4}-\d{2}-\d{2} \d{2}:\d{2})/)?.[1];
    await d.page.getByTestId('action-submit').click();
    await d.page.locator('[data-testid=case-page][data-state=dispatched]').waitFor();
    const after = await api<{ data: { deadlineAt: string } }>(baseUrl, 'GET', `/api/cases/${c.id}`, {
      cookie: dc,
    });
    expect(chinaTime(after.data.deadlineAt)).toBe(shown);
    expect(problems).toEqual([]);
    expect(d.problems).toEqual([]);
  });

  test('the categories page fits a phone without sideways scrolling', async () => {
    const { page } = await consolePage('admin', true);
    await page.goto(`${baseUrl}/categories`);
    await page.getByTestId('categories-table').locator('tbody tr').nth(3).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await snap(page, 'admin-categories-phone-390x844');
  });
});

describe('administrators set the working calendar and the workflow limits in the console', () => {
  test('an admin makes a day of next year a day off, sees it listed, and restores it', async () => {
    const { page, problems } = await consolePage('admin');
    await page.getByTestId('menu-calendar').click();
    const next = new Date().getUTCFullYear() + 1;
    await page.getByTestId('calendar-year').click();
    await page.getByTitle(String(next)).click();
    // the year's holidays are listed, or a warning says the State Council schedule of that year is not in yet
    await page.locator('[data-testid=calendar-table] tbody tr, .ant-alert-warning').first().waitFor();
    const day = `${next}-10-20`;
    await page.getByTestId('override-note').fill('e2e 临时停工');
    await page.getByTestId('override-day').click();
    await page.keyboard.type(day);
    // Enter takes the typed date and submits the form, as a keyboard user would
    await page.keyboard.press('Enter');
    const row = page.getByTestId('calendar-table').locator('tr', { hasText: day });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('e2e 临时停工');
    expect(await row.textContent()).toContain('休息');
    expect(await row.textContent()).toContain('管理员调整');
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'admin-calendar-desktop-1440x900', true);
    await page.getByTestId(`override-remove-${day}`).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(0);
    expect(problems).toEqual([]);
  });

  test('an admin widens the duplicate window; a value out of bounds is refused beside its field', async () => {
    const { page, problems } = await consolePage('admin');
    await page.getByTestId('menu-workflow').click();
    const window = page.getByTestId('duplicate-window');
    await expect.poll(() => window.inputValue(), { timeout: 15_000 }).toBe('7');
    await window.fill('0');
    await page.getByTestId('workflow-save').click();
    await page.getByText('请填写 1 至 90 的整数').waitFor();
    await window.fill('10');
    await page.getByTestId('workflow-save').click();
    await page.getByText('已保存').waitFor();
    await page.reload();
    await expect
      .poll(() => page.getByTestId('duplicate-window').inputValue(), { timeout: 15_000 })
      .toBe('10');
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'admin-workflow-desktop-1440x900', true);
    await page.getByTestId('duplicate-window').fill('7');
    await page.getByTestId('workflow-save').click();
    await page.getByText('已保存').waitFor();
    expect(problems).toEqual([]);
  });

  test('an admin creates a responsible unit with its categories and street', async () => {
    const { page, problems } = await consolePage('admin');
    await page.getByTestId('menu-units').click();
    await page.getByTestId('units-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('unit-create').click();
    // a code the server would refuse is flagged before sending
    await page.getByTestId('unit-form-code').fill('园林');
    await page.getByTestId('unit-form-name').fill('区园林绿化所（e2e）');
    await page.getByTestId('unit-form-submit').click();
    await page.getByText('2–32 位字母').first().waitFor();
    await page.getByTestId('unit-form-code').fill('E2E_LANDSCAPE');
    await page.getByTestId('unit-form-categories').click();
    await page.keyboard.type('06 园林');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByTestId('unit-form-streets').click();
    await page.keyboard.type('七一路');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await snap(page, 'admin-unit-create-desktop-1440x900');
    await page.getByTestId('unit-form-submit').click();
    const row = page.getByTestId('units-table').locator('tr', { hasText: '区园林绿化所（e2e）' });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('七一路街道');
    expect(await row.textContent()).toContain('06 园林绿化与水域');
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'admin-units-desktop-1440x900');
    expect(problems).toEqual([]);
  });

  test('an admin registers a district webhook, sees its secret once, its deliveries, and removes it', async () => {
    const { page, problems } = await consolePage('admin');
    await page.getByTestId('menu-webhooks').click();
    await page.getByTestId('webhook-url').fill('不是网址');
    await page.getByTestId('webhook-save').click();
    await page.getByText('请填写完整的网址').waitFor();
    // a public address given by number, so no name lookup is needed
    await page.getByTestId('webhook-url').fill('https://1.2.3.4/civicgrid-hook');
    await page.getByTestId('webhook-save').click();
    const secret = ((await page.getByTestId('webhook-secret').textContent()) ?? '').trim();
    expect(secret.length).toBeGreaterThanOrEqual(24);
    const row = page
      .getByTestId('webhooks-table')
      .locator('tr', { hasText: 'https://1.2.3.4/civicgrid-hook' });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('川汇区 全区案件');
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'admin-webhooks-desktop-1440x900');
    await row.getByRole('button', { name: '投递记录' }).click();
    await page.locator('.ant-drawer-open').getByText('还没有投递').waitFor();
    await page.keyboard.press('Escape');
    await row.getByRole('button', { name: /删\s*除/ }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(0);
    expect(problems).toEqual([]);
  });

  test('the calendar, workflow, units and webhook pages fit a phone without sideways scrolling', async () => {
    const { page } = await consolePage('admin', true);
    for (const path of ['calendar', 'workflow', 'units', 'webhooks']) {
      await page.goto(`${baseUrl}/${path}`);
      await page.locator('.page-title').waitFor();
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await snap(page, `admin-${path}-phone-390x844`);
    }
  });
});
