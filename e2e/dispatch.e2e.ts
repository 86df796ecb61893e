import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import {
  api,
  cityManagementUnit,
  fire,
  IN_GRIDWORKER_GRID,
  openCase,
  PHONE_CONTEXT,
  residentReport,
  sessionOf,
  snap,
  useRolePages,
} from './case-loop-helpers.ts';
import { watchPage } from './harness.ts';

// Issue 14, the dispatcher's and the resident's workflows: 改派 on the case page, finding a closed case by its
// tracking code in the desk's 全部 tab, and a resident looking at the reports nearby on the phone (zh-CN).

const baseUrl = inject('baseUrl');
const stamp = Date.now().toString(36);
const LONG = 300_000;

describe('dispatcher and resident workflows', () => {
  const { browser, roles } = useRolePages(baseUrl);

  test(
    'a dispatcher reassigns (改派) a dispatched case to another unit, with a reason on the timeline',
    async () => {
      const c = await residentReport(baseUrl, `e2e 改派 ${stamp}：人行道护栏倒伏`);
      const dc = await sessionOf(baseUrl, 'dispatcher');
      await fire(baseUrl, dc, c.id, 'file');
      await fire(baseUrl, dc, c.id, 'dispatch', { unitId: await cityManagementUnit(baseUrl, dc) });
      const units = await api<{ data: { id: number; code: string; name: string }[] }>(
        baseUrl,
        'GET',
        '/api/units',
        {
          cookie: dc,
        },
      );
      const other = units.data.find((u) => u.code !== 'CG')!;

      const d = await roles().open('dispatcher');
      await openCase(d, baseUrl, c.id, 'dispatched');
      await d.getByTestId('action-reassign').click();
      await d.getByTestId('action-modal').waitFor();
      await d.getByTestId('reassign-unit').click();
      await d.keyboard.type(other.name);
      await d.locator('.ant-select-item-option').filter({ hasText: other.name }).first().click();
      await d.getByTestId('action-reason').fill('该路段护栏由其他单位管养');
      await snap(d, 'case-reassign-dialog-desktop-1440x900');
      await d.getByTestId('action-submit').click();
      const timeline = d.getByTestId('case-timeline');
      await timeline.locator('[data-action=reassign]').waitFor();
      expect(await timeline.locator('[data-action=reassign]').textContent()).toContain(
        '该路段护栏由其他单位管养',
      );
      await expect.poll(async () => d.getByTestId('case-page').textContent()).toContain(other.name);
      expect(await d.locator('[data-testid=case-page]').getAttribute('data-state')).toBe('dispatched');
      await snap(d, 'case-reassigned-desktop-1440x900', true);
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );

  test(
    'a closed case is found by its tracking code in the desk’s 全部 tab',
    async () => {
      const c = await residentReport(baseUrl, `e2e 查找 ${stamp}：井盖松动哐当响`);
      const dc = await sessionOf(baseUrl, 'dispatcher');
      const uc = await sessionOf(baseUrl, 'unit');
      const gc = await sessionOf(baseUrl, 'gridworker');
      await fire(baseUrl, dc, c.id, 'file');
      await fire(baseUrl, dc, c.id, 'dispatch', { unitId: await cityManagementUnit(baseUrl, dc) });
      await fire(baseUrl, uc, c.id, 'sign');
      await fire(baseUrl, uc, c.id, 'feedback', { note: '已更换井盖' });
      await fire(baseUrl, gc, c.id, 'check_pass');
      await fire(baseUrl, dc, c.id, 'close');

      const d = await roles().open('dispatcher');
      await d.waitForURL('**/desk');
      await d.getByTestId('queue-all').click();
      await d.waitForURL(/tab=all/);
      await d.getByTestId('filter-q').fill(c.trackingCode);
      const row = d.getByTestId('desk-table').locator(`.case-row[data-case-id="${c.id}"]`);
      await row.waitFor();
      // that case alone, in the 全部 tab although it is closed
      await expect
        .poll(() =>
          d
            .getByTestId('desk-table')
            .locator('tbody .case-row')
            .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id'))),
        )
        .toEqual([String(c.id)]);
      expect(await row.getByTestId('case-state').textContent()).toBe('已结案');
      await snap(d, 'desk-all-tracking-code-desktop-1440x900');
      // words of the description find it too, in Chinese without spaces
      await d.getByTestId('filter-q').fill('井盖松动');
      await row.waitFor();
      await snap(d, 'desk-all-words-desktop-1440x900');
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );

  test(
    'a resident sees the reports nearby on the phone, with a photo once staff approved it',
    async () => {
      const c = await residentReport(baseUrl, `e2e 附近 ${stamp}：共享单车堵塞盲道`);
      const dc = await sessionOf(baseUrl, 'dispatcher');
      const staffView = await api<{ data: { photos: { id: string }[] } }>(
        baseUrl,
        'GET',
        `/api/cases/${c.id}`,
        {
          cookie: dc,
        },
      );
      await api(baseUrl, 'POST', `/api/photos/${staffView.data.photos[0]!.id}/public-approval`, {
        cookie: dc,
        body: { approved: true },
      });

      const context = await browser().newContext({
        ...PHONE_CONTEXT,
        geolocation: { longitude: IN_GRIDWORKER_GRID.lng + 0.001, latitude: IN_GRIDWORKER_GRID.lat },
        permissions: ['geolocation'],
      });
      const page: Page = await context.newPage();
      const problems = watchPage(page);
      await page.goto(`${baseUrl}/m/`);
      await page.getByTestId('landing-nearby').click();
      await page.getByTestId('nearby-page').waitFor();
      const item = page.getByTestId('nearby-item').filter({ hasText: `e2e 附近 ${stamp}` });
      await item.waitFor();
      expect(await item.textContent()).toMatch(/约 \d+ 米/);
      await item.locator('img').waitFor();
      // public text only: no tracking code, no reporter's phone
      const html = await page.content();
      expect(html).not.toContain(c.trackingCode);
      expect(html).not.toContain('13900001111');
      expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('放大');
      await snap(page, 'm-nearby-phone-390x844');
      await snap(page, 'm-nearby-phone-390x844-full', true);
      expect(problems.filter((p) => p.startsWith('page error') || p.startsWith('HTTP 5'))).toEqual([]);
      await context.close();
    },
    LONG,
  );

  test(
    'a grid worker’s case page shows the grid, a small map, a navigation link and the 核查 deadline',
    async () => {
      const c = await residentReport(baseUrl, `e2e 核查 ${stamp}：路边护栏松动`);
      const dc = await sessionOf(baseUrl, 'dispatcher');
      const uc = await sessionOf(baseUrl, 'unit');
      await fire(baseUrl, dc, c.id, 'file');
      await fire(baseUrl, dc, c.id, 'dispatch', { unitId: await cityManagementUnit(baseUrl, dc) });
      await fire(baseUrl, uc, c.id, 'sign');
      await fire(baseUrl, uc, c.id, 'feedback', { note: '已加固' });

      const g = await roles().open('gridworker', true);
      await g.goto(`${baseUrl}/m/tasks/${c.id}`);
      await g.getByTestId('task-detail').waitFor();
      expect(await g.getByTestId('my-deadline').textContent()).toContain('核查期限');
      expect(await g.getByTestId('case-grid').textContent()).toContain('网格');
      expect(await g.getByTestId('case-navigate').getAttribute('href')).toContain('uri.amap.com');
      await g.getByTestId('spot-map').waitFor();
      await snap(g, 'm-task-place-phone-390x844', true);
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );
});
