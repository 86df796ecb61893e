import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import {
  act,
  api,
  cityManagementUnit,
  fire,
  openCase,
  photoFile,
  REPORTER_PHONE,
  residentReport,
  sessionOf,
  snap,
  spotOver,
  useRolePages,
  waitForAreas,
} from './case-loop-helpers.ts';

// The case loop (PRODUCT §3) in the console across roles, in zh-CN; rework; a dissatisfied resident sending a
// case back; 督办 and the dashboard. The resident's own steps (report, rate, reopen) use the phone pages' API.

const baseUrl = inject('baseUrl');
const stamp = Date.now().toString(36);
const LONG = 300_000;

describe('the case loop in the console', () => {
  const { roles } = useRolePages(baseUrl);

  test(
    'report → file → dispatch → sign → feedback with a photo → check → close → rating, the bell live',
    async () => {
      const c = await residentReport(baseUrl, `e2e 全流程 ${stamp}：流动摊贩占道经营，影响通行`);

      const d = await roles().open('dispatcher');
      await d.waitForURL('**/desk');
      await d.getByTestId('desk-table').locator('.case-row').first().waitFor();
      await expect.poll(() => d.getByTestId('queue-reported').getAttribute('data-count')).toMatch(/^\d+\+?$/);
      await snap(d, 'desk-desktop-1440x900');
      // the queue lists the oldest first (other tests leave reports waiting): the dispatcher finds this one by
      // its number, which the desk lists; the reporter's tracking code is not in the console
      await d.getByTestId('filter-q').fill(String(c.id));
      const row = d.getByTestId('desk-table').locator(`.case-row[data-case-id="${c.id}"]`);
      await row.waitFor();
      expect(await row.getByTestId('case-link').textContent()).toBe(String(c.id));
      expect(await d.content()).not.toContain(c.trackingCode);
      await row.click();
      await d.locator(`[data-testid=case-page][data-case-id="${c.id}"][data-state=reported]`).waitFor();
      // exactly the buttons the abilities allow: a reported case can be filed, not dispatched
      await d.getByTestId('action-file').waitFor();
      expect(await d.getByTestId('action-dispatch').count()).toBe(0);
      await act(d, 'file', async () => {}, 'filed');

      await d.getByTestId('action-dispatch').click();
      await expect
        .poll(() => d.getByTestId('deadline-preview').textContent(), { timeout: 20_000 })
        .toMatch(/处置时限：.+，截止 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      // the unit owning the category is suggested and preselected
      expect(await d.getByTestId('action-modal').textContent()).toContain('区城市管理局');
      await snap(d, 'case-dispatch-dialog-desktop-1440x900');
      await d.getByTestId('action-submit').click();
      await d.locator('[data-testid=case-page][data-state=dispatched]').waitFor();

      // the dispatcher waits on the desk while the unit works
      await d.goto(`${baseUrl}/desk`);
      await d.getByTestId('desk-table').waitFor();
      const bell = d.getByTestId('notification-bell');
      // the inbox has loaded and the live stream is open (polling is off while it is)
      await d.locator('[data-testid=notification-bell][data-loaded=true][data-live=true]').waitFor();
      const unreadBefore = Number(await bell.getAttribute('data-unread'));

      const u = await roles().open('unit');
      await u.waitForURL('**/inbox');
      // by its number: the queue lists the earliest deadlines first, and the demo district's unit holds more
      // than a page of them, so a case dispatched on a Saturday (its working days counted from Monday) is not
      // on the first page
      await u.getByTestId('filter-q').fill(String(c.id));
      const inboxRow = u.getByTestId('inbox-table').locator(`.case-row[data-case-id="${c.id}"]`);
      await inboxRow.getByTestId('row-sign').click();
      await u.getByTestId('action-submit').click();
      await inboxRow.getByText('已签收').waitFor();
      await snap(u, 'inbox-desktop-1440x900');
      await inboxRow.getByTestId('case-link').click();
      await act(
        u,
        'feedback',
        async (modal) => {
          await modal.getByTestId('action-note').fill('已劝离摊贩，恢复通行');
          await modal.locator('input[type=file]').setInputFiles(photoFile('after.png', [40, 160, 80]));
        },
        'pending_check',
      );
      await u.getByTestId('case-photos').getByText('处置反馈').waitFor();

      // the feedback reaches the dispatcher's bell without a reload (SSE)
      await expect
        .poll(async () => Number(await bell.getAttribute('data-unread')), { timeout: 30_000 })
        .toBeGreaterThan(unreadBefore);
      await bell.click();
      // staff know the case by its number: the reporter's tracking code is nowhere in the console
      const item = d
        .getByTestId('notification-item')
        .filter({ hasText: `案件 ${c.id} ` })
        .first();
      await item.waitFor();
      await snap(d, 'bell-desktop-1440x900');
      await item.click();
      await d.waitForURL(`**/cases/${c.id}`);

      const g = await roles().open('gridworker');
      await openCase(g, baseUrl, c.id, 'pending_check');
      await act(
        g,
        'check_pass',
        (m) => m.getByTestId('action-note').fill('现场核查，已恢复通行'),
        'pending_check',
      );

      await openCase(d, baseUrl, c.id, 'pending_check');
      await act(d, 'close', async () => {}, 'closed');

      await api(baseUrl, 'POST', `/api/track/${c.trackingCode}/rate`, {
        body: { rating: 'satisfied', comment: '处理及时', phone: REPORTER_PHONE },
      });
      await openCase(d, baseUrl, c.id, 'closed');
      await d.getByTestId('case-timeline').locator('[data-action=rate]').waitFor();
      expect(await d.getByTestId('case-page').textContent()).toContain('满意');
      expect(await d.getByTestId('case-code').textContent()).toBe(`案件 ${c.id}`);
      expect(await d.content()).not.toContain(c.trackingCode);
      await snap(d, 'case-desktop-1440x900', true);
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );

  test(
    'rework: a non-image is refused and changes nothing, the check fails, the unit fixes it again',
    async () => {
      const c = await residentReport(baseUrl, `e2e 返工 ${stamp}：店外经营占道`);
      const dc = await sessionOf(baseUrl, 'dispatcher');
      await fire(baseUrl, dc, c.id, 'file');
      await fire(baseUrl, dc, c.id, 'dispatch', { unitId: await cityManagementUnit(baseUrl, dc) });

      const u = await roles().open('unit');
      await openCase(u, baseUrl, c.id, 'dispatched');
      await u.getByTestId('action-feedback').click();
      await u.getByTestId('action-note').fill('已处理');
      await u
        .locator('[data-testid=action-modal] input[type=file]')
        .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
      await u.getByTestId('action-submit').click();
      await expect.poll(() => u.getByTestId('action-error').textContent()).toContain('JPEG');
      await snap(u, 'case-upload-refused-desktop-1440x900');
      const uc = await sessionOf(baseUrl, 'unit');
      const still = await api<{ data: { state: string; events: { action: string }[] } }>(
        baseUrl,
        'GET',
        `/api/cases/${c.id}`,
        { cookie: uc },
      );
      expect(still.data.state).toBe('dispatched');
      expect(still.data.events.map((e) => e.action)).not.toContain('feedback');
      await u.keyboard.press('Escape');

      const feedback = (note: string, rgb: [number, number, number]) => async () => {
        await openCase(u, baseUrl, c.id, 'dispatched');
        await act(
          u,
          'feedback',
          async (m) => {
            await m.getByTestId('action-note').fill(note);
            await m.locator('input[type=file]').setInputFiles(photoFile('fixed.png', rgb));
          },
          'pending_check',
        );
      };
      await feedback('已清理', [30, 120, 200])();

      const g = await roles().open('gridworker');
      await openCase(g, baseUrl, c.id, 'pending_check');
      await act(
        g,
        'check_fail',
        async (m) => {
          await m.getByTestId('action-reason').fill('仍有两处摊位未清理');
          await m.locator('input[type=file]').setInputFiles(photoFile('still.png', [220, 40, 40]));
        },
        'dispatched',
      );
      await snap(g, 'case-check-failed-desktop-1440x900', true);

      await feedback('已全部清理完毕', [40, 200, 90])();
      const timeline = u.getByTestId('case-timeline');
      expect(await timeline.locator('[data-action=feedback]').count()).toBe(2);
      expect(await timeline.locator('[data-action=check_fail]').count()).toBe(1);

      await openCase(g, baseUrl, c.id, 'pending_check');
      await act(g, 'check_pass', async () => {}, 'pending_check');
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );

  test(
    'the dispatcher finds a case by the code a caller reads out, merges and bulk-dispatches by case number',
    async () => {
      const master = await residentReport(baseUrl, `e2e 合并 ${stamp}：占道经营（先报）`);
      const dup = await residentReport(baseUrl, `e2e 合并 ${stamp}：占道经营（重复）`);
      const d = await roles().open('dispatcher');
      await d.waitForURL('**/desk');

      // a caller reads their code out on the phone: the search finds the case, the table shows its number only
      await d.goto(`${baseUrl}/desk?q=${dup.trackingCode.toLowerCase()}`);
      const found = d.getByTestId('desk-table').locator('.case-row');
      await d.getByTestId('desk-table').locator(`.case-row[data-case-id="${dup.id}"]`).waitFor();
      await expect
        .poll(() => found.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id'))))
        .toEqual([String(dup.id)]);
      expect(await d.getByTestId('desk-table').textContent()).not.toContain(dup.trackingCode);

      // the merge target is picked by its number
      await openCase(d, baseUrl, dup.id, 'reported');
      await d.getByTestId('action-merge').click();
      await d.getByTestId('action-modal').waitFor();
      await d.getByTestId('merge-master').click();
      await d.keyboard.type(String(master.id));
      const option = d.locator('.ant-select-item-option').filter({ hasText: `案件 ${master.id} · ` });
      await option.waitFor();
      expect(await d.locator('.ant-select-dropdown').textContent()).not.toMatch(/CG\d{4}-/);
      await snap(d, 'case-merge-dialog-desktop-1440x900');
      await option.click();
      await d.getByTestId('action-submit').click();
      await d.locator(`[data-testid=case-page][data-case-id="${dup.id}"][data-state=rejected]`).waitFor();
      expect(await d.getByTestId('case-timeline').textContent()).toContain(`合并到案件 ${master.id}`);
      expect(await d.content()).not.toContain(master.trackingCode);

      // bulk dispatch lists the chosen cases by number
      const dc = await sessionOf(baseUrl, 'dispatcher');
      const picked = [
        await residentReport(baseUrl, `e2e 批量 ${stamp}：占道经营一`),
        await residentReport(baseUrl, `e2e 批量 ${stamp}：占道经营二`),
      ];
      for (const c of picked) await fire(baseUrl, dc, c.id, 'file');
      await d.goto(`${baseUrl}/desk?tab=filed`);
      for (const c of picked) await d.getByRole('checkbox', { name: `案件 ${c.id}` }).check();
      await d.getByTestId('bulk-dispatch').click();
      await d.getByTestId('bulk-modal').waitFor();
      const listed = (await d.getByTestId('bulk-results').textContent()) ?? '';
      for (const c of picked) {
        expect(listed).toContain(`案件 ${c.id}`);
        expect(listed).not.toContain(c.trackingCode);
      }
      await snap(d, 'bulk-dispatch-desktop-1440x900');
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );

  test(
    'a dissatisfied resident sends a closed case back to the same unit',
    async () => {
      const c = await residentReport(baseUrl, `e2e 发回重办 ${stamp}：占道经营反复出现`);
      const dc = await sessionOf(baseUrl, 'dispatcher');
      const uc = await sessionOf(baseUrl, 'unit');
      const gc = await sessionOf(baseUrl, 'gridworker');
      await fire(baseUrl, dc, c.id, 'file');
      await fire(baseUrl, dc, c.id, 'dispatch', { unitId: await cityManagementUnit(baseUrl, dc) });
      await fire(baseUrl, uc, c.id, 'sign');
      await fire(baseUrl, uc, c.id, 'feedback', { note: '已处理' });
      await fire(baseUrl, gc, c.id, 'check_pass');
      await fire(baseUrl, dc, c.id, 'close');

      const track = `/api/track/${c.trackingCode}`;
      // the code alone is not enough: the phone number given with the report goes with it
      await expect(
        api(baseUrl, 'POST', `${track}/rate`, { body: { rating: 'dissatisfied', comment: '冒用查询码' } }),
      ).rejects.toThrow(/HTTP 403 .*REPORTER_CHECK_FAILED/);
      await api(baseUrl, 'POST', `${track}/rate`, {
        body: { rating: 'dissatisfied', comment: '摊贩又回来了', phone: REPORTER_PHONE },
      });
      await api(baseUrl, 'POST', `${track}/reopen`, {
        body: { reason: '问题没有解决', phone: REPORTER_PHONE },
      });

      const u = await roles().open('unit');
      await u.waitForURL('**/inbox');
      await u.getByTestId('filter-q').fill(String(c.id));
      const row = u.getByTestId('inbox-table').locator(`.case-row[data-case-id="${c.id}"]`);
      await row.waitFor();
      await row.getByTestId('case-link').click();
      await u.locator(`[data-testid=case-page][data-case-id="${c.id}"][data-state=dispatched]`).waitFor();
      const timeline = u.getByTestId('case-timeline');
      await timeline.locator('[data-action=reopen]').waitFor();
      expect(await timeline.locator('[data-action=rate]').textContent()).toContain('不满意');
      expect(await u.getByTestId('case-page').textContent()).toContain('发回重办次数');
      await snap(u, 'case-reopened-desktop-1440x900', true);
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );

  test(
    'a leader drills the dashboard down, marks a case 红牌督办 and finds it under 督办',
    async () => {
      const c = await residentReport(baseUrl, `e2e 督办 ${stamp}：夜市占道`);
      const dc = await sessionOf(baseUrl, 'dispatcher');
      await fire(baseUrl, dc, c.id, 'file');
      await fire(baseUrl, dc, c.id, 'dispatch', { unitId: await cityManagementUnit(baseUrl, dc) });

      const l = await roles().open('leader');
      await l.waitForURL('**/dashboard');
      await waitForAreas(l);
      await l.getByTestId('kpi-reported').waitFor();
      expect(await l.getByTestId('kpi-cards').textContent()).not.toMatch(/kpi\.|dashboard\./);
      await snap(l, 'dashboard-desktop-1440x900');

      const spot = await spotOver(l, '411602001');
      expect(spot, 'a clickable spot over 七一路街道').not.toBeNull();
      await l.mouse.click(spot!.x, spot!.y);
      await l.locator('[data-testid=dashboard-page][data-level=street][data-code="411602001"]').waitFor();
      await waitForAreas(l);
      expect(await l.getByTestId('crumb-current').textContent()).toBe('七一路街道');
      await snap(l, 'dashboard-street-desktop-1440x900');
      await l.getByTestId('crumb').first().click();
      await l.locator('[data-testid=dashboard-page][data-level=district]').waitFor();

      await openCase(l, baseUrl, c.id, 'dispatched');
      await act(l, 'supervise', (m) => m.getByText('红牌督办').click(), 'dispatched');
      await l.locator('[data-testid=supervision-tag][data-level=red]').waitFor();
      await l.goto(`${baseUrl}/supervision?tab=supervised`);
      await l.getByTestId('supervision-table').locator(`.case-row[data-case-id="${c.id}"]`).waitFor();
      await snap(l, 'supervision-desktop-1440x900');
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );

  test(
    'every console page at phone width (390×844): no sideways scrolling',
    async () => {
      const pages: [string, string, string][] = [
        ['dispatcher', '/desk', 'desk-table'],
        ['dispatcher', '/dashboard', 'kpi-cards'],
        ['unit', '/inbox', 'inbox-table'],
        ['leader', '/supervision', 'supervision-table'],
      ];
      const cases = await api<{ data: { id: number }[] }>(baseUrl, 'GET', '/api/cases?limit=1', {
        cookie: await sessionOf(baseUrl, 'dispatcher'),
      });
      pages.push(['dispatcher', `/cases/${cases.data[0]!.id}`, 'case-timeline']);
      const byRole = new Map<string, Page>();
      for (const [user, path, ready] of pages) {
        const page = byRole.get(user) ?? (await roles().open(user, true));
        byRole.set(user, page);
        await page.goto(`${baseUrl}${path}`);
        await page.getByTestId(ready).waitFor();
        const name = path.startsWith('/cases/') ? 'case' : path.slice(1);
        await snap(page, `${name}-phone-390x844`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} is wider than the phone`).toBeLessThanOrEqual(0);
      }
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );
});
