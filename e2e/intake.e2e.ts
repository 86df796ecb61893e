import { describe, expect, inject, test } from 'vitest';
import { axeViolations } from './axe.ts';
import { snap, useRolePages } from './case-loop-helpers.ts';

// Issue 14, intake in the console: a call taker registers a 12345 call with the ticket number, the caller's phone,
// an address found in the archive's buildings and the open cases of the same kind nearby, then finds it by ticket.

const baseUrl = inject('baseUrl');
const ticket = `GD${Date.now()}`;
const LONG = 300_000;

describe('受理登记 in the console', () => {
  const { roles } = useRolePages(baseUrl);

  test(
    'a dispatcher registers a 12345 call with its ticket, pins it by address, and finds it again by the ticket',
    async () => {
      const d = await roles().open('dispatcher');
      await d.waitForURL('**/desk');
      await d.getByTestId('menu-intake').click();
      await d.getByTestId('intake-form').waitFor();
      // before any picker opens: antd leaves a closed picker's unnamed list in the page
      expect(await axeViolations(d)).toEqual([]);

      // the form refuses to save without a category and a description, and saves nothing
      await d.getByTestId('intake-submit').click();
      await d.getByText('请选择问题类别（到小类）').waitFor();

      await d.getByTestId('intake-ticket').fill(ticket);
      await d.getByTestId('intake-phone').fill('13700002345');
      await d.getByTestId('intake-category').click();
      await d.keyboard.type('路灯');
      await d.getByTitle('05.02 路灯不亮').click();
      await d.getByTestId('intake-description').fill(`e2e 受理登记 ${ticket}：来电反映小区门口路灯不亮`);

      // the address search finds the archive's buildings and pins the place
      await d.getByTestId('intake-place-search').fill('富民社区');
      await d.getByTestId('place-option').first().click();
      await expect.poll(() => d.getByTestId('intake-pin').textContent()).toContain('已定位');
      expect(await d.getByTestId('intake-address').inputValue()).toContain('富民社区');
      // the open cases of the same kind nearby are shown before saving (or that there are none)
      await d
        .locator('[data-testid=intake-duplicates], [data-testid=intake-no-duplicates]')
        .first()
        .waitFor();
      await snap(d, 'intake-filled-desktop-1440x900', true);

      await d.getByTestId('intake-submit').click();
      const saved = d.getByTestId('intake-saved');
      await saved.waitFor();
      const id = Number((await saved.textContent())?.match(/案件 (\d+)/)?.[1]);
      expect(id).toBeGreaterThan(0);

      // the same ticket again is refused, in Chinese, and nothing more is registered
      await d.getByTestId('intake-ticket').fill(ticket);
      await d.getByTestId('intake-category').click();
      await d.keyboard.type('路灯');
      await d.getByTitle('05.02 路灯不亮').click();
      await d.getByTestId('intake-description').fill('重复登记');
      await d.getByTestId('intake-submit').click();
      await expect.poll(() => d.getByTestId('intake-error').textContent()).toContain('工单号已登记');

      // the case page shows the ticket, and the desk finds the case by it
      await d.goto(`${baseUrl}/cases/${id}`);
      await d.locator(`[data-testid=case-page][data-case-id="${id}"]`).waitFor();
      await expect.poll(() => d.textContent('body')).toContain(ticket);
      await d.goto(`${baseUrl}/desk?tab=all`);
      await d.getByTestId('filter-q').fill(ticket);
      await expect
        .poll(() =>
          d
            .getByTestId('desk-table')
            .locator('tbody .case-row')
            .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id'))),
        )
        .toEqual([String(id)]);
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );

  test(
    'a leader is offered only the channel a leader reports through',
    async () => {
      const l = await roles().open('leader');
      await l.goto(`${baseUrl}/intake`);
      await l.getByTestId('intake-form').waitFor();
      const offered = await l.getByTestId('intake-source').locator('label').allTextContents();
      expect(offered.map((x) => x.trim())).toEqual(['领导交办']);
      expect(await l.getByTestId('intake-ticket').count()).toBe(0);
    },
    LONG,
  );

  test(
    'the intake page reads at phone width',
    async () => {
      const p = await roles().open('dispatcher', true);
      await p.goto(`${baseUrl}/intake`);
      await p.getByTestId('intake-form').waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await snap(p, 'intake-phone-390x844', true);
    },
    LONG,
  );
});
