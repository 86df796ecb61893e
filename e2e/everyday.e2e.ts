import { describe, expect, inject, test } from 'vitest';
import {
  act,
  cityManagementUnit,
  fire,
  openCase,
  PHONE,
  PHONE_CONTEXT,
  residentReport,
  sessionOf,
  snap,
  useRolePages,
} from './case-loop-helpers.ts';
import { watchPage } from './harness.ts';

// Issue 14, the everyday workflows not driven in a browser elsewhere: the dispatcher's 撤回, 调整期限 and 转办,
// the 返工 mark in the lists and the 待结案 label, saved filters, the resident's 我提交的反映 with the grid
// outlines of the map picker, and the audit page, the sidebar and the login's remaining attempts (zh-CN).

const baseUrl = inject('baseUrl');
const stamp = Date.now().toString(36);
const LONG = 300_000;

/** A resident's report, filed and dispatched to 区城市管理局 through the API. */
async function dispatchedReport(text: string) {
  const c = await residentReport(baseUrl, text);
  const dc = await sessionOf(baseUrl, 'dispatcher');
  await fire(baseUrl, dc, c.id, 'file');
  await fire(baseUrl, dc, c.id, 'dispatch', { unitId: await cityManagementUnit(baseUrl, dc) });
  return c;
}

/** China's calendar day `days` from today, as the date pickers take it. */
const chinaDay = (days: number) =>
  new Date(Date.now() + days * 86_400_000)
    .toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' })
    .slice(0, 10);

describe('the dispatcher’s everyday actions', () => {
  const { browser, roles } = useRolePages(baseUrl);

  test(
    'recall (撤回), a deadline override (调整期限) and a referral (转办), each with its reason on the timeline',
    async () => {
      const recalled = await dispatchedReport(`e2e 撤回 ${stamp}：小区门口路灯不亮`);
      const moved = await dispatchedReport(`e2e 期限 ${stamp}：人行道地砖松动`);
      const outside = await residentReport(baseUrl, `e2e 转办 ${stamp}：高压线下树枝过密`);
      const d = await roles().open('dispatcher');

      await openCase(d, baseUrl, recalled.id, 'dispatched');
      await act(
        d,
        'recall',
        async (m) => {
          await m.getByTestId('action-reason').fill('派遣单位有误，退回重新研判');
          await snap(d, 'case-recall-dialog-desktop-1440x900');
        },
        'filed',
      );
      const timeline = d.getByTestId('case-timeline');
      expect(await timeline.locator('[data-action=recall]').textContent()).toContain('派遣单位有误');
      expect(await d.getByTestId('case-state').first().textContent()).toBe('待派遣');

      await openCase(d, baseUrl, moved.id, 'dispatched');
      const day = chinaDay(20);
      await act(
        d,
        'override_deadline',
        async (m) => {
          const input = m.locator('.ant-picker input');
          await input.click();
          await input.fill(`${day} 17:00`);
          await d.locator('.ant-picker-ok button').click();
          await m.getByTestId('action-reason').fill('区领导批示延后办理');
          await snap(d, 'case-deadline-override-dialog-desktop-1440x900');
        },
        'dispatched',
      );
      expect(await timeline.locator('[data-action=override_deadline]').textContent()).toContain(
        '区领导批示延后办理',
      );
      await expect.poll(() => d.getByTestId('case-page').textContent()).toContain(`${day} 17:00`);
      await snap(d, 'case-deadline-overridden-desktop-1440x900', true);

      await openCase(d, baseUrl, outside.id, 'reported');
      await act(
        d,
        'refer',
        async (m) => {
          await m.getByTestId('refer-body').fill('市供电公司');
          await m.getByTestId('action-reason').fill('供电线路不属于本区管辖');
        },
        'rejected',
      );
      expect(await timeline.locator('[data-action=refer]').textContent()).toContain('市供电公司');
      await snap(d, 'case-referred-desktop-1440x900', true);

      // the resident reads where the report went, and not the internal reason
      const phone = await browser().newContext({ viewport: PHONE, locale: 'zh-CN' });
      const page = await phone.newPage();
      const seen = watchPage(page);
      await page.goto(`${baseUrl}/m/track/${outside.trackingCode}`);
      await page.getByTestId('track-state').waitFor();
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).toContain('已转办至市供电公司');
      expect(text).not.toContain('不属于本区管辖');
      await page.screenshot({
        path: 'test-output/screenshots/track-referred-phone-390x844.png',
        fullPage: true,
      });
      await phone.close();
      expect(seen.filter((p) => p.startsWith('page error'))).toEqual([]);
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );

  test(
    'a reworked case carries 返工 in the unit’s list and on the grid worker’s phone; after 核查通过 it reads 待结案',
    async () => {
      const c = await dispatchedReport(`e2e 返工标记 ${stamp}：垃圾桶满溢未清运`);
      const uc = await sessionOf(baseUrl, 'unit');
      const gc = await sessionOf(baseUrl, 'gridworker');
      await fire(baseUrl, uc, c.id, 'sign');
      await fire(baseUrl, uc, c.id, 'feedback', { note: '已清运' });
      await fire(baseUrl, gc, c.id, 'check_fail', { reason: '桶边仍有散落垃圾' });

      const u = await roles().open('unit');
      await u.goto(`${baseUrl}/desk?tab=all&q=${encodeURIComponent(c.trackingCode)}`);
      const row = u.getByTestId('desk-table').locator(`.case-row[data-case-id="${c.id}"]`);
      await row.waitFor();
      expect(await row.getByTestId('rework-tag').textContent()).toBe('返工');
      await snap(u, 'desk-unit-rework-mark-desktop-1440x900');

      await fire(baseUrl, uc, c.id, 'feedback', { note: '已全部清理' });
      // the grid worker who checks it again sees that it came back
      const g = await roles().open('gridworker', true);
      await g.goto(`${baseUrl}/m/tasks/${c.id}`);
      await g.getByTestId('task-rework').waitFor();
      expect(await g.getByTestId('task-rework').textContent()).toBe('返工');
      await snap(g, 'task-rework-mark-phone-390x844', true);
      await fire(baseUrl, gc, c.id, 'check_pass');

      const d = await roles().open('dispatcher');
      await d.goto(`${baseUrl}/desk?tab=all&q=${encodeURIComponent(c.trackingCode)}`);
      const drow = d.getByTestId('desk-table').locator(`.case-row[data-case-id="${c.id}"]`);
      await drow.waitFor();
      expect(await drow.getByTestId('case-state').textContent()).toBe('待结案');
      expect(await drow.getByTestId('rework-tag').textContent()).toBe('返工');
      await openCase(d, baseUrl, c.id, 'pending_check');
      expect(await d.getByTestId('case-state').first().textContent()).toBe('待结案');
      expect(await d.getByTestId('action-close').count()).toBe(1);
      await snap(d, 'case-check-passed-awaiting-close-desktop-1440x900');
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );

  test(
    'a dispatcher saves the desk’s filters under a name and picks them again later',
    async () => {
      const d = await roles().open('dispatcher');
      await d.goto(`${baseUrl}/desk`);
      await d.getByTestId('queue-all').click();
      await d.waitForURL(/tab=all/);
      await d.getByTestId('filter-q').fill('井盖');
      await d.waitForURL(/q=/);
      await d.getByTestId('saved-filters').click();
      await d.getByText('保存当前筛选').click();
      await d.getByTestId('saved-filter-name').fill(`全部井盖 ${stamp}`);
      await snap(d, 'desk-save-filter-desktop-1440x900');
      await d.locator('.ant-modal .ant-btn-primary').click();
      await d.getByTestId('saved-filter-name').waitFor({ state: 'detached' });

      // another day: the desk opens on its default tab, and the saved filter brings the search back
      await d.goto(`${baseUrl}/desk`);
      await d.getByTestId('desk-table').waitFor();
      expect(d.url()).not.toContain('q=');
      await d.getByTestId('saved-filters').click();
      await d
        .getByTestId('saved-filter')
        .filter({ hasText: `全部井盖 ${stamp}` })
        .click();
      await d.waitForURL(/tab=all/);
      await expect.poll(() => d.getByTestId('filter-q').inputValue()).toBe('井盖');
      await snap(d, 'desk-saved-filter-applied-desktop-1440x900');
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );
});

describe('the resident’s reports and the map picker, with no account', () => {
  const { browser } = useRolePages(baseUrl);

  test(
    '我提交的反映 shows each report’s state and asks to rate a closed one; the map picker draws the grid outlines',
    async () => {
      const open = await residentReport(baseUrl, `e2e 我的反映 ${stamp}：楼道堆放杂物`);
      const closed = await dispatchedReport(`e2e 我的反映 ${stamp}：路面坑洼积水`);
      const uc = await sessionOf(baseUrl, 'unit');
      const gc = await sessionOf(baseUrl, 'gridworker');
      const dc = await sessionOf(baseUrl, 'dispatcher');
      await fire(baseUrl, uc, closed.id, 'sign');
      await fire(baseUrl, uc, closed.id, 'feedback', { note: '已修补' });
      await fire(baseUrl, gc, closed.id, 'check_pass');
      await fire(baseUrl, dc, closed.id, 'close');

      const context = await browser().newContext(PHONE_CONTEXT);
      const page = await context.newPage();
      const seen = watchPage(page);
      // what the phone keeps after sending two reports (sending itself is driven in mobile.e2e.ts)
      await page.goto(`${baseUrl}/m/`);
      await page.evaluate(
        (sent) => localStorage.setItem('civicgrid.m.recent', JSON.stringify(sent)),
        [closed, open].map((c, i) => ({
          trackingCode: c.trackingCode,
          categoryName: '道路破损',
          sentAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
        })),
      );
      await page.reload();
      const items = page.getByTestId('recent-item');
      await expect.poll(() => page.getByTestId('recent-state').count()).toBe(2);
      const byCode = (code: string) => items.filter({ hasText: code });
      expect(await byCode(closed.trackingCode).getByTestId('recent-state').textContent()).toBe('已办结');
      expect(await byCode(closed.trackingCode).getByTestId('recent-rate').textContent()).toBe(
        '已办结，请为办理结果评价',
      );
      expect(await byCode(open.trackingCode).getByTestId('recent-state').textContent()).not.toBe('已办结');
      expect(await byCode(open.trackingCode).getByTestId('recent-rate').count()).toBe(0);
      await page.screenshot({
        path: 'test-output/screenshots/recent-reports-phone-390x844.png',
        fullPage: true,
      });

      // the map picker: the public grid outlines reach a resident who has no account
      await page.goto(`${baseUrl}/m/report`);
      const outlines = page.waitForResponse((r) => r.url().includes('/api/public/grid-outlines'));
      await page.getByTestId('report-map').click();
      const answer = await outlines;
      expect(answer.status()).toBe(200);
      const body = (await answer.json()) as { features: { properties: Record<string, unknown> }[] };
      expect(body.features.length).toBeGreaterThan(0);
      // public geometry only: a grid's name and outline, no code, id or people
      for (const f of body.features) expect(Object.keys(f.properties).sort()).toEqual(['name']);
      await page.getByTestId('pin-map').waitFor();
      expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('放大');
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: 'test-output/screenshots/report-map-grid-outlines-phone-390x844.png' });
      await context.close();
      expect(seen.filter((p) => p.startsWith('page error') || p.startsWith('HTTP 5'))).toEqual([]);
    },
    LONG,
  );
});

describe('the console around the work', () => {
  const { browser, roles } = useRolePages(baseUrl);

  test(
    'the audit page names people and shows China time; the sidebar fills the window; a wrong password tells the attempts left',
    async () => {
      const a = await roles().open('admin');
      await a.goto(`${baseUrl}/audit`);
      const table = a.getByTestId('audit-table');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      const firstRow = (await table.locator('tbody tr.ant-table-row').first().textContent()) ?? '';
      // a time as China reads it (YYYY-MM-DD HH:mm), and no bare user id where the actor's name belongs
      expect(firstRow).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      const column = (n: number) =>
        table.locator(`tbody tr.ant-table-row td:nth-child(${n})`).allTextContents();
      expect((await column(3)).filter((x) => /^(\d+|[0-9a-f-]{36})$/.test(x.trim()))).toEqual([]);
      // every action and record kind in words, none as its code (the demo's set-up writes many kinds)
      expect((await column(4)).filter((x) => /^[a-z_]+([.+][a-z_]+)+$/.test(x.trim()))).toEqual([]);
      expect((await column(5)).filter((x) => /^[a-z_]+$/.test(x.trim()))).toEqual([]);
      await snap(a, 'audit-names-desktop-1440x900');

      // a short page: the sidebar still reaches the bottom of the window
      await a.goto(`${baseUrl}/webhooks`);
      await a.locator('.shell-sider').waitFor();
      const sider = await a.locator('.shell-sider').boundingBox();
      expect(sider!.y + sider!.height).toBeGreaterThanOrEqual(900 - 1);
      await snap(a, 'sidebar-full-height-desktop-1440x900');

      // a name that does not exist is answered like one that does, with the attempts left at this address
      const context = await browser().newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const login = await context.newPage();
      await login.goto(`${baseUrl}/login`);
      await login.getByTestId('login-username').fill(`nobody-${stamp}`);
      await login.getByTestId('login-password').fill('not-the-password');
      await login.getByTestId('login-submit').click();
      await expect.poll(() => login.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
      expect(await login.getByTestId('login-error').textContent()).toContain('再输错 4 次');
      await login.screenshot({ path: 'test-output/screenshots/login-attempts-left-desktop-1440x900.png' });
      await context.close();
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );
});

describe('an administrator’s category questions reach the phone', () => {
  const { browser, roles } = useRolePages(baseUrl);

  test(
    'an admin adds a question to 雨水篦子缺失 in the console, and a resident reporting one is asked it',
    async () => {
      const code = `q_${stamp}`;
      const a = await roles().open('admin');
      await a.goto(`${baseUrl}/categories`);
      await a.getByTestId('categories-search').fill('05.05');
      await a.getByTestId('category-edit-05.05').click();
      await a.getByTestId('question-add').click();
      const q = a.getByTestId('question-0');
      await q.locator('input').nth(0).fill(code);
      await q.locator('input').nth(1).fill('篦子在哪一侧');
      await q.locator('input').nth(2).fill('Which side of the road');
      await snap(a, 'admin-category-question-desktop-1440x900');
      await a.getByTestId('category-form-submit').click();
      await a.getByTestId('category-form').waitFor({ state: 'detached' });

      const context = await browser().newContext({
        viewport: PHONE,
        locale: 'zh-CN',
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      const seen = watchPage(page);
      await page.goto(`${baseUrl}/m/report`);
      await page.getByTestId('report-category').click();
      await page.getByTestId('category-search').fill('雨水篦子');
      await page.getByTestId('category-option-05.05').click();
      const asked = page.getByTestId(`question-${code}`);
      await asked.waitFor();
      expect(await asked.textContent()).toContain('篦子在哪一侧');
      await asked.scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-output/screenshots/report-admin-question-phone-390x844.png' });
      await context.close();
      expect(seen.filter((p) => p.startsWith('page error') || p.startsWith('HTTP 5'))).toEqual([]);
      expect(roles().serious()).toEqual([]);
    },
    LONG,
  );
});
