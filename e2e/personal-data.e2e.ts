import { describe, expect, inject, test } from 'vitest';
import {
  api,
  cityManagementUnit,
  fire,
  IN_GRIDWORKER_GRID,
  openCase,
  sessionOf,
  snap,
  useRolePages,
} from './case-loop-helpers.ts';

// Personal data in the console (PRODUCT §8): the reporter masked on the case page, revealed with a reason and
// a note that the reveal is recorded; withheld from the unit until it asks; absent for leaders; the reveal
// rows readable in the audit log. Desktop, zh-CN.

const baseUrl = inject('baseUrl');
const stamp = Date.now().toString(36);
const NAME = '王小明';
const PHONE = '13912345678';

describe('personal data on the case page and in the audit log', () => {
  const { roles } = useRolePages(baseUrl);

  test('masked by default, revealed with a reason, withheld from the unit, recorded in the audit log', async () => {
    const report = await api<{ data: { id: number } }>(baseUrl, 'POST', '/api/cases', {
      body: {
        source: 'resident',
        categoryCode: '05.02',
        description: `e2e 个人信息 ${stamp}：楼道路灯不亮，需入户检查线路`,
        location: IN_GRIDWORKER_GRID,
        address: '富民社区3号楼',
        reporterName: NAME,
        reporterPhone: PHONE,
      },
    });
    const id = report.data.id;

    // the dispatcher sees the reporter masked, and the clear values only after giving a reason
    const d = await roles().open('dispatcher');
    await openCase(d, baseUrl, id, 'reported');
    const field = d.getByTestId('case-reporter');
    await expect.poll(() => field.textContent()).toContain('王*明');
    expect(await field.textContent()).toContain('139****5678');
    expect(await d.locator('body').textContent()).not.toContain(PHONE);
    await snap(d, 'personal-reporter-masked-1440x900');

    await d.getByTestId('reporter-reveal').click();
    const modal = d.getByTestId('reveal-modal');
    await modal.waitFor();
    expect(await modal.textContent()).toContain('审计日志');
    await d.getByTestId('reveal-submit').click();
    await d.getByText('请填写查看理由').first().waitFor();
    await d.getByTestId('reveal-reason').fill('需回电核实路灯位置');
    await snap(d, 'personal-reveal-reason-1440x900');
    await d.getByTestId('reveal-submit').click();
    await d.locator('[data-testid=case-reporter][data-state=revealed]').waitFor();
    expect(await field.textContent()).toContain(NAME);
    expect(await d.getByTestId('reporter-phone').getAttribute('href')).toBe(`tel:${PHONE}`);
    expect(await field.textContent()).toContain('已记录');
    await d.getByText('本次查看已记入审计日志').first().waitFor();
    await snap(d, 'personal-reporter-revealed-1440x900');

    // dispatched: the unit learns only that a contact exists, and may reveal it to get into the flat
    const dispatcher = await sessionOf(baseUrl, 'dispatcher');
    await fire(baseUrl, dispatcher, id, 'file');
    await fire(baseUrl, dispatcher, id, 'dispatch', {
      unitId: await cityManagementUnit(baseUrl, dispatcher),
    });
    const u = await roles().open('unit');
    await openCase(u, baseUrl, id, 'dispatched');
    const withheld = u.getByTestId('case-reporter');
    await expect.poll(() => withheld.textContent()).toContain('反映人信息已隐藏');
    expect(await u.locator('body').textContent()).not.toMatch(/王|5678/);
    await snap(u, 'personal-unit-withheld-1440x900');
    await u.getByTestId('reporter-reveal').click();
    await u.getByTestId('reveal-reason').fill('需入户检查楼道线路，联系住户开门');
    await u.getByTestId('reveal-submit').click();
    await u.locator('[data-testid=case-reporter][data-state=revealed]').waitFor();
    expect(await withheld.textContent()).toContain(NAME);

    // a leader sees the case but nothing of who reported
    const l = await roles().open('leader');
    await openCase(l, baseUrl, id, 'dispatched');
    await l.getByTestId('case-timeline').waitFor();
    expect(await l.getByTestId('case-reporter').count()).toBe(0);
    expect(await l.locator('body').textContent()).not.toMatch(/王|5678/);

    // the audit log shows both reveals in words, with their reasons and never the values
    const a = await roles().open('admin');
    await a.goto(`${baseUrl}/audit`);
    await a.getByTestId('audit-table').waitFor();
    await a.getByTestId('audit-only-reveals').click();
    const table = a.getByTestId('audit-table');
    await expect.poll(() => table.locator('.audit-reveal').count()).toBeGreaterThanOrEqual(2);
    await table.locator('.ant-table-row-expand-icon').first().click();
    const summary = a.getByTestId('reveal-summary').first();
    await summary.waitFor();
    expect(await summary.textContent()).toContain('需入户检查楼道线路');
    expect(await summary.textContent()).toContain('承办单位处置需要');
    expect(await a.locator('body').textContent()).not.toContain(PHONE);
    await snap(a, 'personal-audit-reveals-1440x900');

    expect(roles().serious()).toEqual([]);
  });
});
