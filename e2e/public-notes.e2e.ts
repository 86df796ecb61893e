import { describe, expect, inject, test } from 'vitest';
import {
  cityManagementUnit,
  fire,
  openCase,
  residentReport,
  sessionOf,
  snap,
  useRolePages,
} from './case-loop-helpers.ts';

// Public vs internal (PRODUCT §8): staff text is internal unless its author ticks 向群众公开此说明; the form
// shows what the resident will read, the timeline marks each step, and the tracking page shows only that.

const baseUrl = inject('baseUrl');
const stamp = Date.now().toString(36);
const LONG = 300_000;
const PUBLISHED = '已派城管中队前往现场劝离，预计今晚恢复通行';
const INTERNAL = '内部：联系人老王 13700002222，注意取证';

describe('publishing a note to the resident', () => {
  const { browser, roles } = useRolePages(baseUrl);

  test(
    'the console offers the choice with a preview, marks the timeline, and the tracking page shows only that',
    async () => {
      const c = await residentReport(baseUrl, `e2e 公开说明 ${stamp}：占道经营`);
      const dc = await sessionOf(baseUrl, 'dispatcher');
      await fire(baseUrl, dc, c.id, 'file', { note: INTERNAL });

      const d = await roles().open('dispatcher');
      await openCase(d, baseUrl, c.id, 'filed');
      await d.getByTestId('action-dispatch').click();
      const modal = d.getByTestId('action-modal');
      const preview = modal.getByTestId('public-preview');
      await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('已派发至区城市管理局');
      await modal.getByTestId('action-note').fill(PUBLISHED);
      await expect.poll(() => preview.textContent()).toContain('您的说明不公开');
      expect(await modal.getByTestId('note-public').isChecked()).toBe(false);
      await modal.getByTestId('note-public').check();
      await expect.poll(() => preview.textContent()).toContain(PUBLISHED);
      await snap(d, 'public-note-dispatch-desktop-1440x900');
      await d.getByTestId('action-submit').click();
      await d.locator('[data-testid=case-page][data-state=dispatched]').waitFor();

      const entry = (action: string) => d.getByTestId('case-timeline').locator(`[data-action=${action}]`);
      await entry('dispatch').waitFor();
      expect(await entry('dispatch').getByTestId('event-visibility').textContent()).toBe(
        '群众可见说明已公开',
      );
      expect(await entry('file').getByTestId('note-visibility').textContent()).toBe('说明仅内部可见');

      // an internal step: the choice is there, switched off, and the resident sees nothing of it
      await d.getByTestId('action-supervise').click();
      await modal.getByTestId('public-preview').waitFor();
      expect(await modal.getByTestId('note-public').isDisabled()).toBe(true);
      expect(await modal.getByTestId('public-preview').textContent()).toContain('群众看不到此步骤');
      await snap(d, 'public-note-internal-step-desktop-1440x900');
      await modal.getByTestId('action-note').fill(INTERNAL);
      await d.getByTestId('action-submit').click();
      await entry('supervise').waitFor();
      expect(await entry('supervise').getByTestId('event-visibility').textContent()).toContain('内部');
      await snap(d, 'public-note-timeline-desktop-1440x900', true);

      // the unit at phone width: the same choice on the feedback form
      const uc = await sessionOf(baseUrl, 'unit');
      expect(await cityManagementUnit(baseUrl, uc)).toBeGreaterThan(0);
      await fire(baseUrl, uc, c.id, 'sign');
      const u = await roles().open('unit', true);
      await openCase(u, baseUrl, c.id, 'dispatched');
      await u.getByTestId('action-feedback').click();
      const uModal = u.getByTestId('action-modal');
      await uModal.getByTestId('action-note').fill('摊贩已劝离，现场已清理');
      await uModal.getByTestId('note-public').check();
      await expect.poll(() => uModal.getByTestId('public-preview').textContent()).toContain('摊贩已劝离');
      await snap(u, 'public-note-feedback-phone-390x844');
      const overflow = await u.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await u.getByTestId('action-submit').click();
      await u.locator('[data-testid=case-page][data-state=pending_check]').waitFor();
      await u.getByTestId('case-timeline').locator('[data-action=feedback]').waitFor();
      await snap(u, 'public-note-case-phone-390x844', true);

      // what the resident reads: the published notes, nothing internal
      const r = await browser().newContext({
        viewport: { width: 390, height: 844 },
        locale: 'zh-CN',
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
      });
      const phone = await r.newPage();
      await phone.goto(`${baseUrl}/m/track/${c.trackingCode}`);
      const timeline = phone.getByTestId('track-timeline');
      await timeline.waitFor();
      const text = (await timeline.textContent()) ?? '';
      expect(text).toContain(PUBLISHED);
      expect(text).toContain('摊贩已劝离，现场已清理');
      expect(text).toContain('已派发至区城市管理局');
      expect(text).not.toContain('13700002222');
      expect(text).not.toContain('督办');
      await snap(phone, 'public-note-track-phone-390x844', true);
      await r.close();

      // the grid worker's phone form offers the same choice on a public step
      const g = await roles().open('gridworker', true);
      await g.goto(`${baseUrl}/m/tasks/${c.id}`);
      await g.getByTestId('action-check_fail').click();
      const form = g.getByTestId('action-form-check_fail');
      await form.getByTestId('action-reason').fill('仍有杂物堆放');
      await form.getByTestId('note-public').check();
      await expect.poll(() => form.getByTestId('public-preview').textContent()).toContain('仍有杂物堆放');
      expect(await form.getByTestId('public-preview').textContent()).toContain('现场核查未通过');
      await snap(g, 'public-note-grid-worker-phone-390x844', true);
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );
});
