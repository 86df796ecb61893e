import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  DESKTOP,
  openCase,
  PHONE,
  photoFile,
  type Reported,
  residentReport,
  snap,
  waitForAreas,
} from './case-loop-helpers.ts';
import { domViolations, startTileServer, watchCsp } from './csp-watch.ts';
import { DEMO_PASSWORD, launchBrowser, logIn, type RunningServer, startServer } from './harness.ts';

/**
 * The Content-Security-Policy (and the other security headers) must not break any scene: the console's login,
 * desk, case page, dashboard (MapLibre + ECharts), org map and API docs, and the phone pages (photo preview,
 * location, maps, tracking, tasks), with and without a base map from TILE_URL's origin. Any violation fails.
 */

const baseUrl = inject('baseUrl');
const stamp = Date.now().toString(36);
// a spot in the demo grid worker's grid, for the phone's location
const SPOT = { latitude: 33.676, longitude: 114.583 };

let browser: Browser;
const contexts: BrowserContext[] = [];
let reported: Reported;

/** A fresh page at desktop or phone size, in Chinese, with the CSP watcher installed. */
async function open(phone = false): Promise<{ page: Page; found: string[] }> {
  const context = await browser.newContext({
    viewport: phone ? PHONE : DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(phone
      ? {
          isMobile: true,
          hasTouch: true,
          deviceScaleFactor: 2,
          geolocation: SPOT,
          permissions: ['geolocation'],
        }
      : {}),
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(45_000);
  return { page, found: await watchCsp(page) };
}

/** Fails with the scene's name when any route saw a violation; lets late loads (tiles, images) land first. */
async function expectNoViolations(page: Page, found: string[], scene: string): Promise<void> {
  await page.waitForTimeout(600);
  expect([...found, ...(await domViolations(page))], scene).toEqual([]);
}

/** Opens a phone page as the demo grid worker. */
async function gridWorkerPhone(server: string): Promise<{ page: Page; found: string[] }> {
  const phone = await open(true);
  await phone.page.goto(`${server}/m/login`);
  await phone.page.getByTestId('login-username').fill('gridworker');
  await phone.page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await phone.page.getByTestId('login-submit').click();
  await phone.page.getByTestId('tasks-page').waitFor();
  return phone;
}

/** The grid worker's map on the phone, loaded with its case points. */
async function openGridMap(page: Page, server: string): Promise<void> {
  await page.goto(`${server}/m/grid`);
  await page.getByTestId('grid-map').waitFor();
  await page.waitForFunction(
    () => window.__cgMobileMap?.loaded() && !!window.__cgMobileMap.getLayer('case-points'),
  );
}

/** The dashboard as the demo leader, with its map polygons drawn and the ECharts trend on a canvas. */
async function openDashboard(page: Page, server: string): Promise<void> {
  await logIn(page, server, 'leader', DEMO_PASSWORD);
  await page.goto(`${server}/dashboard`);
  await waitForAreas(page);
  await page.locator('[data-testid=trend-chart] canvas').first().waitFor();
}

beforeAll(async () => {
  browser = await launchBrowser();
  reported = await residentReport(baseUrl, `内容安全策略检查 ${stamp}`);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
});

describe('the Content-Security-Policy fits the console and the phone pages', () => {
  test('the watcher catches a violation (so a clean run means something)', async () => {
    const { page, found } = await open();
    const res = await page.goto(`${baseUrl}/login`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByTestId('login-username').waitFor();
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://example.invalid/tracker.png';
      document.body.append(img);
    });
    await expect.poll(async () => [...found, ...(await domViolations(page))].join('\n')).toMatch(/img-src/);
  });

  test('console: login, desk, case page with photo and map, dashboard, org map, API docs', async () => {
    const { page, found } = await open();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').waitFor();
    await expectNoViolations(page, found, 'login');

    await logIn(page, baseUrl, 'dispatcher', DEMO_PASSWORD);
    await page.goto(`${baseUrl}/desk`);
    await page.getByTestId('desk-table').waitFor();
    await expectNoViolations(page, found, 'desk');

    await openCase(page, baseUrl, reported.id);
    await page.getByTestId('case-photo').first().waitFor();
    await page.locator('[data-testid=case-map][data-idle=true]').waitFor();
    await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
    await expectNoViolations(page, found, 'case page');

    const leader = await open();
    await openDashboard(leader.page, baseUrl);
    await snap(leader.page, 'csp-dashboard-desktop-1440x900');
    await expectNoViolations(leader.page, leader.found, 'dashboard');

    const admin = await open();
    await logIn(admin.page, baseUrl, 'admin', DEMO_PASSWORD);
    await admin.page.goto(`${baseUrl}/org`);
    await admin.page.waitForFunction(() => window.__cgMap?.loaded(), undefined, { timeout: 60_000 });
    await admin.page.goto(`${baseUrl}/users`);
    await admin.page.locator('.ant-table-row').first().waitFor();
    await expectNoViolations(admin.page, admin.found, 'org map and users');

    const docs = await open();
    const res = await docs.page.goto(`${baseUrl}/docs/`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await docs.page.locator('.swagger-ui .info .title').waitFor();
    await docs.page.locator('.opblock').first().click();
    await expectNoViolations(docs.page, docs.found, 'API docs');
  });

  test('phone pages: landing, report with photo preview and location, tracking, tasks, grid map', async () => {
    const { page, found } = await open(true);
    await page.goto(`${baseUrl}/m/`);
    await page.getByTestId('landing-report').waitFor();
    await expectNoViolations(page, found, 'phone landing');

    await page.goto(`${baseUrl}/m/report`);
    await page.getByTestId('report-photo-input').setInputFiles(photoFile('pothole.png', [90, 90, 200]));
    await page.locator('img[src^="blob:"]').first().waitFor();
    await page.getByTestId('report-gps').click();
    await expect.poll(() => page.getByTestId('report-location').textContent()).toContain('已定位');
    await expectNoViolations(page, found, 'phone report form');

    await page.goto(`${baseUrl}/m/track/${reported.trackingCode}`);
    await page.getByTestId('track-timeline').waitFor();
    await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
    await snap(page, 'csp-phone-track-390x844', true);
    await expectNoViolations(page, found, 'phone tracking page');

    const worker = await gridWorkerPhone(baseUrl);
    await worker.page.getByTestId('tasks-tab-open').click();
    await worker.page
      .getByTestId('task-item')
      .filter({ hasText: `案件 ${reported.id} ` })
      .click();
    await worker.page.locator('[data-testid^="action-"]').first().waitFor();
    await openGridMap(worker.page, baseUrl);
    await expectNoViolations(worker.page, worker.found, 'phone tasks and grid map');
  });
});

describe('with a base map from TILE_URL (another origin)', () => {
  let tiles: Awaited<ReturnType<typeof startTileServer>>;
  let server: RunningServer;

  beforeAll(async () => {
    tiles = await startTileServer();
    server = await startServer({ TILE_URL: `${tiles.url}/{z}/{x}/{y}.png` });
    // a case, so the dashboard's trend (ECharts) and the phone map's case points have something to draw
    await residentReport(server.url, `底图检查 ${stamp}`);
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await tiles?.close();
  });

  test('the dashboard and the phone grid map draw its tiles without a violation', async () => {
    const leader = await open();
    const res = await leader.page.goto(`${server.url}/login`);
    expect(res?.headers()['content-security-policy']).toContain(`connect-src 'self' ${tiles.url}`);
    await openDashboard(leader.page, server.url);
    await expect.poll(() => tiles.served()).toBeGreaterThan(0);
    await leader.page.waitForFunction(() => window.__cgDashboardMap?.loaded());
    await snap(leader.page, 'csp-dashboard-tiles-desktop-1440x900');
    await expectNoViolations(leader.page, leader.found, 'dashboard with tiles');

    const before = tiles.served();
    const worker = await gridWorkerPhone(server.url);
    await openGridMap(worker.page, server.url);
    await expect.poll(() => tiles.served()).toBeGreaterThan(before);
    await snap(worker.page, 'csp-phone-grid-tiles-390x844');
    await expectNoViolations(worker.page, worker.found, 'phone grid map with tiles');
  });
});
