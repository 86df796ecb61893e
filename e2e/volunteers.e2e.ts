import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { axeViolations } from './axe.ts';
import { api as apiCall, DESKTOP, PHONE_CONTEXT, photoFile, sessionOf, snap } from './case-loop-helpers.ts';
import { DEMO_PASSWORD, launchBrowser, watchPage } from './harness.ts';

/**
 * Volunteers end to end: the demo volunteer signs in to an activity under way in 富民社区 on the phone (390 × 844,
 * zh-CN) with the code shown at the place and the phone's position; the organiser verifies the hours in the
 * console; the points appear on the community's leaderboard and on the volunteer's phone. Photos of the
 * activity come from the signed-in volunteer's phone and the organiser's console and show on both; a new
 * activity's place is picked on the console's map.
 */

const baseUrl = inject('baseUrl');
const api = <T>(method: string, path: string, cookie: string, body?: unknown) =>
  apiCall<T>(baseUrl, method, path, { cookie, body });

interface Activity {
  id: number;
  title: string;
  orgCode: string;
  location: { lng: number; lat: number };
  endsAt: string;
}

/** Fails on horizontal scrolling at phone width, then saves a screenshot. */
async function phoneSnap(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page wider than the phone`).toBeLessThanOrEqual(0);
  await snap(page, `volunteers-${name}`, true);
}

describe('volunteers: phone sign-in, verified hours, leaderboard', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });

  test('a volunteer signs in on the phone, the organiser verifies the hours, the points reach the board', async () => {
    const staff = await sessionOf(baseUrl, 'community');
    const list = await api<{ data: Activity[] }>('GET', '/api/volunteers/activities', staff);
    const activity = list.data.find((a) => a.title === '周末文明劝导' && new Date(a.endsAt) > new Date())!;
    expect(activity).toBeTruthy();
    const { data: code } = await api<{ data: { code: string } }>(
      'GET',
      `/api/volunteers/activities/${activity.id}/code`,
      staff,
    );

    const phone = await browser.newContext({
      ...PHONE_CONTEXT,
      // standing at the activity's place
      geolocation: { latitude: activity.location.lat, longitude: activity.location.lng },
      permissions: ['geolocation'],
    });
    contexts.push(phone);
    const page = await phone.newPage();
    page.setDefaultTimeout(30_000);
    const problems = watchPage(page);
    await page.goto(`${baseUrl}/m/login?next=${encodeURIComponent('/volunteer')}`);
    await page.getByTestId('login-username').fill('volunteer');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('volunteer-page').waitFor();
    problems.length = 0;
    await page.getByTestId('volunteer-activity').first().waitFor();
    const before = Number(await page.getByTestId('volunteer-points').locator('strong').textContent());
    await phoneSnap(page, 'home');

    // sign up for the activity under way, then sign in with the code shown at the place
    const card = page.getByTestId('volunteer-activity').filter({ hasText: '周末文明劝导' });
    await card.getByTestId('volunteer-signup').click();
    await expect.poll(() => card.textContent()).toContain('已报名');
    await page.goto(`${baseUrl}/m/volunteer/check?code=${encodeURIComponent(code.code)}`);
    await expect.poll(() => page.textContent('body')).toContain('已获取您的位置');
    await phoneSnap(page, 'check');
    await page.getByTestId('volunteer-check-submit').click();
    await page.getByTestId('volunteer-check-done').waitFor();
    expect(await page.getByTestId('volunteer-check-done').textContent()).toContain('签到成功');
    await phoneSnap(page, 'checked-in');

    // signed in, the volunteer adds a photo of the activity from the phone
    await page.goto(`${baseUrl}/m/volunteer`);
    const signedIn = page.getByTestId('volunteer-activity').filter({ hasText: '周末文明劝导' });
    await signedIn.getByTestId('volunteer-add-photos').click();
    await signedIn.getByTestId('volunteer-photo-album').setInputFiles(photoFile('scene.png', [30, 120, 200]));
    await signedIn.getByTestId('volunteer-send-photos').click();
    await signedIn.getByTestId('volunteer-activity-photos').locator('img').first().waitFor();
    await signedIn.scrollIntoViewIfNeeded();
    await phoneSnap(page, 'photos');
    expect(await axeViolations(page)).toEqual([]);

    // the organiser verifies the hours in the console
    const desk = await browser.newContext({
      viewport: DESKTOP,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    contexts.push(desk);
    const office = await desk.newPage();
    office.setDefaultTimeout(30_000);
    await office.goto(`${baseUrl}/login`);
    await office.getByTestId('login-username').fill('community');
    await office.getByTestId('login-password').fill(DEMO_PASSWORD);
    await office.getByTestId('login-submit').click();
    await office.waitForURL((u) => !u.pathname.startsWith('/login'));
    await office.goto(`${baseUrl}/volunteers?tab=activities`);
    await office.getByText('周末文明劝导').first().click();
    await office.getByTestId('vol-show-qr').click();
    await office.getByTestId('vol-qr-code').waitFor();
    await office.getByTestId('vol-hours-input').first().waitFor();
    // the volunteer's photo is there; the organiser adds one of their own
    const photos = office.getByTestId('vol-activity-photos');
    await expect.poll(() => photos.getByTestId('vol-activity-photo').count()).toBeGreaterThanOrEqual(1);
    const had = await photos.getByTestId('vol-activity-photo').count();
    await photos.locator('input[type=file]').setInputFiles(photoFile('team.png', [200, 80, 40]));
    await expect.poll(() => photos.getByTestId('vol-activity-photo').count()).toBe(had + 1);
    await snap(office, 'volunteers-console-activity');
    await office.getByTestId('vol-verify').click();
    await expect.poll(() => office.textContent('body')).toContain('发放积分');

    // the points are on the community's leaderboard and on the phone
    const me = await api<{ data: { id: number; points: number; orgCode: string } }>(
      'GET',
      '/api/volunteers/me',
      await sessionOf(baseUrl, 'volunteer'),
    );
    expect(me.data.points).toBeGreaterThan(before);
    const board = await api<{ data: { volunteerId: number; points: number }[] }>(
      'GET',
      `/api/volunteers/leaderboard?org=${me.data.orgCode}&limit=200`,
      staff,
    );
    expect(board.data.find((l) => l.volunteerId === me.data.id)).toBeTruthy();
    await office.goto(`${baseUrl}/volunteers?tab=board`);
    await office.getByTestId('vol-board').waitFor();
    await snap(office, 'volunteers-console-board');

    // the file for the national system: asked for with a reason, it carries names in clear in its columns
    await office.getByTestId('vol-export-clear').click();
    await office.getByTestId('reveal-reason').fill('导入全国志愿服务信息系统');
    await snap(office, 'volunteers-console-export-clear');
    const [download] = await Promise.all([
      office.waitForEvent('download'),
      office.getByTestId('reveal-submit').click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 10)).toEqual([
      '姓名',
      '证件类型',
      '证件号码',
      '服务时长（小时）',
      '服务开始时间',
      '服务结束时间',
      '项目名称',
      '服务内容',
      '服务地点',
    ]);
    const record = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(String(record[0])).not.toContain('*');
    expect(String(record[4])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await page.goto(`${baseUrl}/m/volunteer`);
    await expect
      .poll(async () => Number(await page.getByTestId('volunteer-points').locator('strong').textContent()))
      .toBe(me.data.points);
    await phoneSnap(page, 'after');

    // a new activity's place is picked on the map: the grid under the point shows, and the drawer keeps it
    await office.goto(`${baseUrl}/volunteers?tab=activities`);
    await office.getByTestId('vol-new-activity').click();
    const form = office.locator('.ant-modal');
    await form.getByLabel('活动名称').fill('河道清洁行动');
    // find the community's square by name, then fine-tune the point with a click on the map
    await form.getByTestId('intake-place-search').fill('富民社区');
    await office.getByTestId('place-option').first().click();
    await form.getByTestId('vol-place-grid').waitFor();
    await office.waitForFunction(() => !document.querySelector('[data-idle=false]'), undefined, {
      timeout: 15_000,
    });
    const searched = await form.getByTestId('intake-pin').textContent();
    const box = (await form.getByTestId('intake-map').boundingBox())!;
    await form.getByTestId('intake-map').click({ position: { x: box.width / 2 + 6, y: box.height / 2 + 6 } });
    await expect.poll(() => form.getByTestId('intake-pin').textContent()).not.toBe(searched);
    await form.getByTestId('vol-place-grid').waitFor();
    // the address found filled the place's name; the organiser names it better
    await expect.poll(() => form.locator('#place').inputValue()).not.toBe('');
    await form.locator('#place').fill('富民社区沙河北岸');
    const day = new Date(Date.now() + 86_400_000)
      .toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' })
      .slice(0, 10);
    const ends = form.locator('.ant-picker-input input');
    await ends.nth(0).click();
    await ends.nth(0).fill(`${day} 09:00`);
    await office.locator('.ant-picker-ok button').click();
    await ends.nth(1).fill(`${day} 11:00`);
    await office.locator('.ant-picker-ok button').click();
    await snap(office, 'volunteers-console-new-activity');
    await form
      .getByRole('button', { name: '保 存' })
      .or(form.getByRole('button', { name: '保存' }))
      .click();
    await office.locator('.ant-drawer').getByText('网格：').waitFor();
    await snap(office, 'volunteers-console-new-activity-saved');
    expect(problems.filter((p) => p.startsWith('page error') || p.startsWith('HTTP 5'))).toEqual([]);
  });
});
