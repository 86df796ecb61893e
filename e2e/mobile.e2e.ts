import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { apiLogin, PHONE_CONTEXT } from './case-loop-helpers.ts';
import { DEMO_PASSWORD, launchBrowser, screenshotPath, watchPage } from './harness.ts';

/** The phone pages (/m/…) at 390 × 844 in zh-CN: report, track, rate, offline, grid worker tasks. */

declare global {
  interface Window {
    __cgMobileMap?: { loaded(): boolean; getLayer(id: string): unknown };
  }
}

const baseUrl = inject('baseUrl');
const stamp = Date.now().toString(36);

// ---- a real PNG, made here so the test needs no fixture files

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 160 × 120 RGB PNG: a gradient in the given colour with a yellow diagonal. */
function makePng([r, g, b]: [number, number, number]): Buffer {
  const w = 160;
  const h = 120;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const stripe = Math.abs(x - y) < 6;
      raw[o] = stripe ? 250 : (r + x) & 255;
      raw[o + 1] = stripe ? 220 : (g + y) & 255;
      raw[o + 2] = stripe ? 40 : b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const photo = (name: string, rgb: [number, number, number]) => ({
  name,
  mimeType: 'image/png',
  buffer: makePng(rgb),
});

// ---- the API, for the staff steps this file does not drive through a browser

async function api<T>(method: string, path: string, cookie?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(cookie ? { Cookie: cookie } : {}),
      ...(body instanceof FormData || body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** A case as the dispatcher's list shows it: by its number, never with the reporter's tracking code. */
interface ListRow {
  id: number;
}

/** Cases whose description or address contains the text, or whose whole tracking code it is (as staff see them). */
async function casesMatching(text: string): Promise<ListRow[]> {
  const cookie = await apiLogin(baseUrl, 'dispatcher');
  const res = await api<{ data: ListRow[] }>('GET', `/api/cases?q=${encodeURIComponent(text)}`, cookie);
  expect(JSON.stringify(res.data)).not.toMatch(/CG\d{4}-[0-9A-Z]{6}/);
  return res.data;
}

/** A point inside the demo grid worker's grid (the mean of its outer ring), so reports land in their tasks. */
async function pointInGrid(): Promise<{ latitude: number; longitude: number }> {
  const cookie = await apiLogin(baseUrl, 'gridworker');
  const geo = await api<{ features: { geometry: { type: string; coordinates: unknown } }[] }>(
    'GET',
    '/api/org/geojson?level=grid',
    cookie,
  );
  const g = geo.features[0]!.geometry;
  const ring = (
    g.type === 'Polygon' ? (g.coordinates as number[][][])[0] : (g.coordinates as number[][][][])[0]![0]
  )!.slice(0, -1);
  return {
    longitude: ring.reduce((s, p) => s + p[0]!, 0) / ring.length,
    latitude: ring.reduce((s, p) => s + p[1]!, 0) / ring.length,
  };
}

// ---- page helpers

/** Fails on horizontal scrolling at phone width, then saves a zh-CN screenshot. */
async function snap(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page wider than the phone`).toBeLessThanOrEqual(0);
  await page
    .waitForFunction(() => [...document.images].every((i) => i.complete), undefined, { timeout: 10_000 })
    .catch(() => undefined);
  const modal = await page.locator('dialog[open]').count();
  await page.screenshot({ path: screenshotPath(`mobile-${name}`), fullPage: modal === 0 });
}

/** Submits the report form; says "send anyway" if nearby duplicates are offered first. */
async function submitReport(page: Page): Promise<void> {
  await page.getByTestId('report-submit').click();
  const outcome = await Promise.race([
    page
      .getByTestId('report-success')
      .waitFor()
      .then(() => 'sent'),
    page
      .getByTestId('report-saved')
      .waitFor()
      .then(() => 'saved'),
    page
      .getByTestId('report-error')
      .waitFor()
      .then(() => 'error'),
    page
      .getByTestId('duplicates-sheet')
      .waitFor()
      .then(() => 'duplicates'),
  ]);
  if (outcome === 'duplicates') await page.getByTestId('duplicates-submit-anyway').click();
}

/** Picks a category in the sheet by searching for a word. */
async function pickCategory(page: Page, search: string, code: string): Promise<void> {
  await page.getByTestId('report-category').click();
  await page.getByTestId('category-search').fill(search);
  await page.getByTestId(`category-option-${code}`).click();
}

describe('phone pages', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let spot: { latitude: number; longitude: number };
  let trackingCode = '';

  async function newPhone(geolocation = true) {
    const context = await browser.newContext({
      ...PHONE_CONTEXT,
      ...(geolocation ? { geolocation: spot, permissions: ['geolocation'] } : {}),
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return { context, page, problems: watchPage(page) };
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    spot = await pointInGrid();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });

  test('a resident reports with a photo and follows it on the tracking page', async () => {
    const { page, problems } = await newPhone();
    await page.goto(`${baseUrl}/m/`);
    await page.getByTestId('landing-report').waitFor();
    await expect.poll(() => page.textContent('body')).toContain('随手拍');
    await snap(page, 'landing');

    await page.getByTestId('landing-report').click();
    await page.getByTestId('report-form').waitFor();
    await snap(page, 'report-empty');
    await page.getByTestId('report-photo-input').setInputFiles(photo('rubbish.png', [40, 120, 200]));
    await page.getByTestId('report-gps').click();
    await expect.poll(() => page.getByTestId('report-location').textContent()).toContain('已定位');
    // the place is named by its community and grid, so the resident knows it is inside the district
    await expect.poll(() => page.getByTestId('report-area').textContent()).toMatch(/^所在网格：.+网格/);
    expect(await page.getByTestId('report-outside').count()).toBe(0);
    await page.getByTestId('report-category').click();
    await page.getByTestId('category-search').fill('垃圾');
    await snap(page, 'report-category-search');
    await page.getByTestId('category-option-01.01').click();
    await page.getByTestId('report-description').fill(`路口东侧堆放了大量生活垃圾 ${stamp}`);

    // the category's required question is asked for before anything is sent
    await page.getByTestId('report-submit').click();
    await expect.poll(() => page.getByTestId('question-volume').textContent()).toContain('请选择');
    await snap(page, 'report-missing-answer');
    await page.getByTestId('question-volume').getByText('较多').click();
    await page.getByTestId('report-phone').fill('13800001111');
    await submitReport(page);

    const codeEl = page.getByTestId('report-tracking-code');
    await codeEl.waitFor();
    trackingCode = ((await codeEl.textContent()) ?? '').trim();
    expect(trackingCode).toMatch(/^CG\d{4}-[0-9A-Z]{6}$/);
    await expect.poll(() => page.getByTestId('report-promise').textContent()).toContain('受理后告知答复期限');
    await snap(page, 'report-success');

    await page.getByTestId('report-track-link').click();
    await page.getByTestId('track-timeline').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/m/track/${trackingCode}`);
    expect(await page.getByTestId('track-timeline').textContent()).toContain('已收到反映');
    expect(await page.getByTestId('track-state').textContent()).toBe('待受理');
    expect(await page.getByTestId('track-area').textContent()).toMatch(/社区.*网格/);
    await snap(page, 'track-reported');

    // a neighbour reporting the same kind of problem at the same place is offered it before sending
    const { page: neighbour, problems: neighbourProblems } = await newPhone();
    await neighbour.goto(`${baseUrl}/m/report`);
    await neighbour.getByTestId('report-gps').click();
    await expect.poll(() => neighbour.getByTestId('report-location').textContent()).toContain('已定位');
    await pickCategory(neighbour, '暴露垃圾', '01.01');
    await neighbour.getByTestId('question-volume').getByText('少量').click();
    await neighbour.getByTestId('report-description').fill(`又看到这里有垃圾 ${stamp}`);
    await neighbour.getByTestId('report-submit').click();
    await neighbour.getByTestId('duplicates-sheet').waitFor();
    // the suggestion says what, where and how far along, but gives away nobody's tracking code
    const sheet = (await neighbour.getByTestId('duplicates-sheet').textContent()) ?? '';
    expect(sheet).toContain(`路口东侧堆放了大量生活垃圾 ${stamp}`);
    expect(sheet).toContain('暴露垃圾');
    expect(sheet).not.toContain(trackingCode);
    await snap(neighbour, 'report-duplicates');

    // following it instead of reporting: a read-only view kept on this phone, without logging in
    await neighbour
      .getByTestId('duplicate-item')
      .filter({ hasText: stamp })
      .first()
      .getByTestId('duplicate-follow')
      .click();
    await neighbour.getByTestId('report-followed').waitFor();
    await snap(neighbour, 'report-followed');
    await neighbour.getByTestId('followed-view').click();
    await neighbour.getByTestId('followed-case').waitFor();
    expect(await neighbour.getByTestId('track-state').textContent()).toBe('待受理');
    expect(await neighbour.getByTestId('followed-case').textContent()).not.toContain(trackingCode);
    expect(await neighbour.getByTestId('rate-form').count()).toBe(0);
    await snap(neighbour, 'followed-case');
    await neighbour.goto(`${baseUrl}/m/`);
    await expect
      .poll(() => neighbour.getByTestId('followed-item').allTextContents())
      .toEqual([expect.stringContaining(`路口东侧堆放了大量生活垃圾 ${stamp}`)]);
    await snap(neighbour, 'landing-followed');

    expect([...problems, ...neighbourProblems].filter((p) => !p.includes('401'))).toEqual([]);
  });

  test('a grid worker checks the fix with a photo, and the resident rates the closed case', async () => {
    expect(trackingCode, 'the first test reported a case').not.toBe('');
    const [row] = await casesMatching(trackingCode);
    const dispatcher = await apiLogin(baseUrl, 'dispatcher');
    const unit = await apiLogin(baseUrl, 'unit');
    const me = await api<{ data: { grants: { unitId: number | null }[] } }>('GET', '/api/auth/me', unit);
    const unitId = me.data.grants.find((g) => g.unitId)!.unitId!;
    await api('POST', `/api/cases/${row!.id}/actions/file`, dispatcher, {});
    await api('POST', `/api/cases/${row!.id}/actions/dispatch`, dispatcher, { unitId });
    const feedback = new FormData();
    feedback.append('note', '已清运');
    feedback.append(
      'photos',
      new Blob([new Uint8Array(makePng([20, 180, 60]))], { type: 'image/png' }),
      'done.png',
    );
    await api('POST', `/api/cases/${row!.id}/actions/feedback`, unit, feedback);

    const { page, problems } = await newPhone(false);
    await page.goto(`${baseUrl}/m/tasks`);
    await page.getByTestId('login-username').fill('gridworker');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await snap(page, 'login');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('tasks-page').waitFor();
    await page.getByTestId('task-item').first().waitFor();
    await snap(page, 'tasks-checks');
    await page.getByTestId('tasks-tab-care').click();
    await snap(page, 'tasks-care');
    await page.getByTestId('tasks-tab-open').click();
    await snap(page, 'tasks-open');
    await page.getByTestId('tasks-tab-checks').click();
    // the grid worker knows the case by its number, not by the reporter's tracking code
    await page
      .getByTestId('task-item')
      .filter({ hasText: `案件 ${row!.id}` })
      .click();

    // exactly the buttons the server allows: check pass or fail, nothing else
    await page.getByTestId('action-check_pass').waitFor();
    expect(await page.getByTestId('task-detail').textContent()).not.toContain(trackingCode);
    const buttons = await page
      .locator('[data-testid^="action-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(buttons.sort()).toEqual(['action-check_fail', 'action-check_pass']);
    await snap(page, 'task-detail');
    await page.getByTestId('action-check_pass').click();
    await page.getByTestId('action-photos-input').setInputFiles(photo('check.png', [200, 60, 60]));
    await page.getByTestId('action-note').fill('现场已清理干净');
    await snap(page, 'task-check-form');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-done').waitFor();
    await expect.poll(() => page.getByTestId('track-timeline').textContent()).toContain('网格员现场核查通过');

    await api('POST', `/api/cases/${row!.id}/actions/close`, dispatcher, {});
    const resident = await newPhone(false);
    await resident.page.goto(`${baseUrl}/m/track/${trackingCode}`);
    await resident.page.getByTestId('rate-form').waitFor();
    expect(await resident.page.getByTestId('track-timeline').textContent()).toContain('已办结');
    await snap(resident.page, 'track-closed');
    await resident.page.getByTestId('rate-satisfied').click();
    await resident.page.getByTestId('rate-comment').fill('处理很及时');
    // the tracking code alone does not rate: the phone number given with the report must match
    await resident.page.getByTestId('rate-submit').click();
    await expect
      .poll(() => resident.page.getByTestId('reporter-phone-error').textContent())
      .toContain('请输入上报时填写的手机号码');
    await resident.page.getByTestId('reporter-phone').first().fill('13800001112');
    await resident.page.getByTestId('rate-submit').click();
    await expect
      .poll(() => resident.page.getByTestId('reporter-phone-error').textContent())
      .toContain('手机号码与上报时填写的不一致');
    await snap(resident.page, 'track-phone-mismatch');
    await resident.page.getByTestId('reporter-phone').first().fill('138 0000 1111');
    await resident.page.getByTestId('rate-submit').click();
    await resident.page.getByTestId('track-notice').waitFor();
    await expect
      .poll(() => resident.page.getByTestId('track-timeline').textContent())
      .toContain('已评价：满意');
    await expect(resident.page.getByTestId('rate-form').count()).resolves.toBe(0);
    await snap(resident.page, 'track-rated');

    // the one refusal is the wrong phone number above
    expect([...problems, ...resident.problems].filter((p) => !/40[13]/.test(p))).toEqual([]);
  });

  test('a file that is not an image is refused with a message and creates nothing', async () => {
    const { page } = await newPhone(false);
    await page.goto(`${baseUrl}/m/report`);
    // a text file is stopped on the phone …
    await page
      .getByTestId('report-photo-input')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect.poll(() => page.getByTestId('report-photo-input-error').textContent()).toContain('不是图片');
    // … and one that only pretends to be a PNG is refused by the server, which checks the bytes
    await page
      .getByTestId('report-photo-input')
      .setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') });
    await pickCategory(page, '路灯', '05.02');
    const text = `假图片 ${stamp}`;
    await page.getByTestId('report-description').fill(text);
    await submitReport(page);
    await page.getByTestId('report-error').waitFor();
    expect(await page.getByTestId('report-error').textContent()).toContain('只能上传 JPEG、PNG 或 WebP 图片');
    await snap(page, 'report-not-image');
    expect(await page.getByTestId('report-success').count()).toBe(0);
    expect(await casesMatching(text)).toEqual([]);
  });

  test('a place outside the district is flagged before the report is sent', async () => {
    const { context, page } = await newPhone();
    await context.setGeolocation({ latitude: 39.9, longitude: 116.4 });
    await page.goto(`${baseUrl}/m/report`);
    await page.getByTestId('report-gps').click();
    await expect.poll(() => page.getByTestId('report-location').textContent()).toContain('已定位');
    await expect
      .poll(() => page.getByTestId('report-outside').textContent())
      .toContain('不在本区的网格范围内');
    expect(await page.getByTestId('report-area').count()).toBe(0);
    await snap(page, 'report-outside');
  });

  test('a report made offline is kept on the phone and sent later with the same idempotency key', async () => {
    const { context, page } = await newPhone();
    const keys: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/cases')
        keys.push(r.headers()['idempotency-key'] ?? '');
    });
    await page.goto(`${baseUrl}/m/report`);
    await pickCategory(page, 'street light', '05.02');
    await page.getByTestId('report-photo-input').setInputFiles(photo('lamp.png', [10, 10, 90]));
    await page.getByTestId('report-gps').click();
    await expect.poll(() => page.getByTestId('report-location').textContent()).toContain('已定位');
    const text = `路灯不亮（离线） ${stamp}`;
    await page.getByTestId('report-description').fill(text);

    await context.setOffline(true);
    await submitReport(page);
    await page.getByTestId('report-saved').waitFor();
    expect(await page.getByTestId('report-saved').textContent()).toContain('已保存在手机上，联网后自动发送');
    expect(await page.getByTestId('pending-item').count()).toBe(1);
    await snap(page, 'report-offline-saved');
    expect(await casesMatching(text)).toEqual([]);

    await context.setOffline(false);
    await page.goto(`${baseUrl}/m/`);
    await page.getByTestId('pending-sent').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('pending-item').count()).toBe(0);
    await snap(page, 'landing-after-offline-send');

    const created = await casesMatching(text);
    expect(created).toHaveLength(1);
    // the phone shows the reporter their own code; it names the case staff know by its number
    const sentCode = /CG\d{4}-[0-9A-Z]{6}/.exec(
      (await page.getByTestId('pending-sent').textContent()) ?? '',
    )?.[0];
    expect(sentCode).toBeDefined();
    expect((await casesMatching(sentCode!)).map((r) => r.id)).toEqual([created[0]!.id]);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size, `every attempt carries one key: ${keys.join(', ')}`).toBe(1);
    // the home page remembers it
    await expect
      .poll(() => page.getByTestId('recent-item').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining(sentCode!)]));
  });

  test('grid worker pages: patrol report fixed on the spot, grid map, track search (screenshots)', async () => {
    const { page, problems } = await newPhone();
    await page.goto(`${baseUrl}/m/login`);
    await page.getByTestId('login-username').fill('gridworker');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('tasks-page').waitFor();

    await page.goto(`${baseUrl}/m/patrol`);
    await page.getByTestId('report-form').waitFor();
    await snap(page, 'patrol');
    await page.getByTestId('report-gps').click();
    await expect.poll(() => page.getByTestId('report-location').textContent()).toContain('已定位');
    await pickCategory(page, '小广告', '03.03');
    await page.getByTestId('report-description').fill(`电线杆上贴了小广告 ${stamp}`);
    await submitReport(page);
    await page.getByTestId('patrol-fix-now').waitFor();
    await snap(page, 'patrol-sent');
    await page.getByTestId('patrol-fix-now').click();
    await page.getByTestId('action-form-fix_on_spot').waitFor();
    await page.getByTestId('action-before-input').setInputFiles(photo('before.png', [120, 40, 40]));
    await page.getByTestId('action-after-input').setInputFiles(photo('after.png', [40, 160, 40]));
    await page.getByTestId('action-note').fill('已清除小广告');
    await snap(page, 'fix-on-spot-form');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-done').waitFor();
    await expect.poll(() => page.getByTestId('task-state').textContent()).toBe('已办结');
    await snap(page, 'fix-on-spot-done');

    await page.goto(`${baseUrl}/m/grid`);
    await page.getByTestId('grid-map').waitFor();
    await page.waitForFunction(
      () => window.__cgMobileMap?.loaded() && !!window.__cgMobileMap.getLayer('case-points'),
    );
    await snap(page, 'grid-map');

    await page.goto(`${baseUrl}/m/track`);
    await snap(page, 'track-search');
    await page.getByTestId('track-input').fill('cg0000-xxxxxx');
    await page.getByTestId('track-submit').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('没有找到');
    await snap(page, 'track-not-found');

    expect(problems.filter((p) => !p.includes('401') && !p.includes('404'))).toEqual([]);
  });
});
