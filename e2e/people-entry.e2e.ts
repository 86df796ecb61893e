import { describe, expect, inject, test } from 'vitest';
import { axeViolations } from './axe.ts';
import { api, sessionOf, snap, useRolePages } from './case-loop-helpers.ts';

// The archive's console gaps (issue 11): a grid worker enters a household by hand (a wrong ID number is
// refused in Chinese), moves a newcomer in and a person from another household in, and reads the 80+ list;
// the district administrator adds and retires a tag. Desktop 1440×900, zh-CN.

const baseUrl = inject('baseUrl');
const stamp = String(Date.now()).slice(-6);
const DIGITS = '零一二三四五六七八九';
// a whole name of three or more characters is matched exactly by the search: unique per run
const uniqueName = (surname: string) =>
  `${surname}${[...stamp.slice(-3)].map((d) => DIGITS[Number(d)]).join('')}`;

/** A GB 11643 number for a birth date and gender (the check character computed as the standard says). */
function idNumber(birthDate: string, gender: 'M' | 'F', seq: number): string {
  const order = String(((seq % 400) + 100) * 2 + (gender === 'M' ? 1 : 0)).slice(-3);
  const first17 = `411602${birthDate.replaceAll('-', '')}${order}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

describe('entering and moving people in the console', () => {
  const { roles } = useRolePages(baseUrl);

  test('a grid worker enters a household, moves people in, and reads the 80+ list', async () => {
    const page = await roles().open('gridworker');
    await page.goto(`${baseUrl}/people`);
    await page.getByTestId('add-household').click();
    const modal = page.locator('.ant-modal').last();
    await modal.getByTestId('add-building').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await modal.getByTestId('add-unit').fill('9');
    await modal.getByTestId('add-room').fill(`9${stamp.slice(-3)}`);
    await modal.getByTestId('add-rental').check();
    const head = uniqueName('韩');
    await modal.getByTestId('new-person-name').fill(head);
    await modal.getByTestId('new-person-gender').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '女' }).click();
    await modal.getByTestId('new-person-birth').fill('1962-04-18');
    // a number whose check character is wrong: refused before sending, in Chinese
    const good = idNumber('1962-04-18', 'F', Number(stamp));
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    await modal.getByTestId('new-person-id').fill(bad);
    await modal.getByTestId('new-person-phone').fill('13812345678');
    await page.getByTestId('household-save').click();
    await expect.poll(() => modal.textContent()).toContain('身份证号码校验位错误');
    await snap(page, 'people-add-household-invalid-1440x900');
    await modal.getByTestId('new-person-id').fill(good);
    await page.getByTestId('household-save').click();
    await page.getByTestId('household-page').waitFor();
    const members = page.getByTestId('household-members');
    await expect.poll(() => members.textContent()).toContain(head);
    expect(await page.locator('.household-facts').textContent()).toContain('出租房');
    const householdId = Number(page.url().split('/').pop());

    // a newcomer (a grandchild) moves in
    await page.getByTestId('move-in').click();
    const child = uniqueName('韩小');
    const moveIn = page.locator('.ant-modal').last();
    await moveIn.getByTestId('new-person-name').fill(child);
    await moveIn.getByTestId('new-person-gender').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '男' }).click();
    await moveIn.getByTestId('new-person-birth').fill('2020-08-08');
    await moveIn.getByTestId('new-person-relation').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '孙子女' }).click();
    await moveIn.getByTestId('move-in-note').fill('随父母迁入');
    await page.getByTestId('move-in-save').click();
    await expect.poll(() => members.textContent()).toContain(child);

    // a resident of another household of the grid moves in (户间迁移), found by name
    const cookie = await sessionOf(baseUrl, 'gridworker');
    const me = await api<{ data: { grants: { scopeCode: string | null }[] } }>(
      baseUrl,
      'GET',
      '/api/auth/me',
      {
        cookie,
      },
    );
    const grid = me.data.grants.find((g) => g.scopeCode)!.scopeCode!;
    const buildings = await api<{ data: { id: number }[] }>(baseUrl, 'GET', `/api/buildings?grid=${grid}`, {
      cookie,
    });
    const mover = uniqueName('岳');
    await api(baseUrl, 'POST', '/api/households', {
      cookie,
      body: {
        buildingId: buildings.data[0]!.id,
        house: { unit: '9', floor: null, room: `8${stamp.slice(-3)}`, isRental: false },
        head: { name: mover, gender: 'M', birthDate: '1990-01-15' },
      },
    });
    await page.getByTestId('move-in').click();
    const transfer = page.locator('.ant-modal').last();
    await transfer.locator('.ant-radio-button-wrapper', { hasText: '从其他户迁入' }).click();
    await transfer.getByTestId('move-in-person').locator('input').fill(mover);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: mover }).click();
    await transfer.getByTestId('move-in-relation').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '配偶' }).click();
    await transfer.getByTestId('move-in-note').fill('婚入');
    await snap(page, 'people-move-in-transfer-1440x900');
    await page.getByTestId('move-in-save').click();
    await expect.poll(() => members.textContent()).toContain(mover);
    const history = (await page.locator('.ant-timeline').textContent()) ?? '';
    expect(history).toContain(`${mover} 户间迁移：婚入`);
    expect(history).toContain(`${child} 迁入：随父母迁入`);
    expect(history).toContain('来自原住户');
    await snap(page, 'people-household-moves-1440x900', true);
    expect(householdId).toBeGreaterThan(0);

    // the quarter's 80+ list of the grid, with its export
    await page.goto(`${baseUrl}/people?tab=elders`);
    const table = page.getByTestId('elders-table');
    await table.locator('tbody a').first().waitFor();
    await snap(page, 'people-elders-1440x900');
    const href = await page.getByTestId('elders-export').getAttribute('href');
    expect(href).toMatch(/^\/api\/visits\/elders\.xlsx\?org=\d+&quarter=\d{4}Q[1-4]$/);
    const file = await fetch(`${baseUrl}${href}`, { headers: { cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    expect(await axeViolations(page)).toEqual([]);
    expect(roles().serious()).toEqual([]);
  });

  test('the district administrator adds a tag, retires it, and cannot rename a seeded one', async () => {
    const page = await roles().open('admin');
    await page.goto(`${baseUrl}/people?tab=tags`);
    const table = page.getByTestId('tags-table');
    await expect.poll(() => table.textContent()).toContain('独居老人');
    const name = `困难家庭${stamp.slice(-3)}`;
    await page.getByTestId('tag-add').click();
    await page.getByTestId('tag-name').fill(name);
    await page.getByTestId('tag-name-en').fill('Household in hardship');
    await page.getByTestId('tag-sensitive').check();
    await page.getByTestId('tag-save').click();
    const row = table.locator('tr', { hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain('敏感');
    const patched = page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && r.url().includes('/api/people/tags/'),
    );
    await row.locator('[data-testid^=tag-retire-]').click();
    const answer = await patched;
    expect(answer.status(), await answer.text()).toBe(200);
    await expect.poll(() => row.textContent()).toContain('已停用');
    await snap(page, 'people-tags-admin-1440x900', true);
    await table.locator('tr', { hasText: '独居老人' }).locator('[data-testid^=tag-edit-]').click();
    expect(await page.getByTestId('tag-name').isDisabled()).toBe(true);
    expect(await page.getByTestId('tag-sensitive').isDisabled()).toBe(true);
    await snap(page, 'people-tags-seeded-1440x900');
    expect(await axeViolations(page)).toEqual([]);
    expect(roles().serious()).toEqual([]);
  });
});
