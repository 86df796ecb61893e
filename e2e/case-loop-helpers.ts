import { crc32, deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, logIn, screenshotPath, watchPage } from './harness.ts';

/** Helpers of case-loop.e2e.ts: API calls for the steps not driven in a browser, photos, role pages. */

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };
/** The phone every phone-page test uses: 390 × 844, touch, zh-CN on China time. */
export const PHONE_CONTEXT = {
  viewport: PHONE,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
} as const;
/** A point inside the demo grid 富民社区第1网格, whose grid worker is the demo account `gridworker`. */
export const IN_GRIDWORKER_GRID = { lng: 114.583, lat: 33.676 };

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real 96 × 72 RGB PNG in a colour, made here so the test needs no fixture files. */
export function makePng([r, g, b]: [number, number, number]): Buffer {
  const w = 96;
  const h = 72;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = (r + x) & 255;
      raw[o + 1] = (g + y) & 255;
      raw[o + 2] = b;
    }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A file for `setInputFiles`. */
export const photoFile = (name: string, rgb: [number, number, number]) => ({
  name,
  mimeType: 'image/png',
  buffer: makePng(rgb),
});

/** A session cookie for a demo account, for API calls. */
export async function sessionOf(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cg_session='));
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return cookie.split(';')[0]!;
}

/** A session cookie for a demo account, asserting the login answered 200. */
export async function apiLogin(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status, `login ${username}`).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Sends one API request (JSON or FormData) and returns the parsed answer; throws on a refusal. */
export async function api<T>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { cookie?: string; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': 'zh-CN' };
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | FormData | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

export interface Reported {
  id: number;
  trackingCode: string;
}

/** The phone number residentReport leaves: rating or reopening by tracking code must give it again. */
export const REPORTER_PHONE = '13900001111';

/** A resident's report with a photo, sent anonymously as the phone page does (multipart). */
export async function residentReport(
  baseUrl: string,
  description: string,
  categoryCode = '02.01',
): Promise<Reported> {
  const form = new FormData();
  form.set('source', 'resident');
  form.set('categoryCode', categoryCode);
  form.set('description', description);
  form.set('lng', String(IN_GRIDWORKER_GRID.lng));
  form.set('lat', String(IN_GRIDWORKER_GRID.lat));
  form.set('address', '七一路与中州大道交叉口');
  form.set('reporterPhone', REPORTER_PHONE);
  form.append(
    'photos',
    new Blob([new Uint8Array(makePng([200, 60, 40]))], { type: 'image/png' }),
    'report.png',
  );
  const answer = await api<{ data: Reported }>(baseUrl, 'POST', '/api/cases', { body: form });
  return answer.data;
}

/** Fires a transition through the API (for the steps another test already covers in the browser). */
export function fire(baseUrl: string, cookie: string, id: number, action: string, body: object = {}) {
  return api<{ data: { state: string } }>(baseUrl, 'POST', `/api/cases/${id}/actions/${action}`, {
    cookie,
    body,
  });
}

/** Pages of one browser, one context per role so each keeps its own session. */
export class RolePages {
  private readonly contexts: BrowserContext[] = [];
  private readonly seen: string[][] = [];

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
  ) {}

  /** A logged-in page of a demo account at desktop or phone size, in Chinese. */
  async open(username: string, phone = false): Promise<Page> {
    const context = await this.browser.newContext(
      phone ? PHONE_CONTEXT : { viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
    );
    this.contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    this.seen.push(watchPage(page));
    await logIn(page, this.baseUrl, username, DEMO_PASSWORD);
    return page;
  }

  /** Page errors and server errors seen so far on any page. */
  serious(): string[] {
    return this.seen.flat().filter((p) => p.startsWith('page error') || p.startsWith('HTTP 5'));
  }

  async closeAll(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
  }
}

/**
 * Launches one browser with its RolePages before the tests of the enclosing describe and closes both after them;
 * returns getters, valid once the tests run.
 */
export function useRolePages(baseUrl: string): { browser: () => Browser; roles: () => RolePages } {
  let browser: Browser;
  let roles: RolePages;

  beforeAll(async () => {
    browser = await launchBrowser();
    roles = new RolePages(browser, baseUrl);
  });

  afterAll(async () => {
    await roles?.closeAll();
    await browser?.close();
  });

  return { browser: () => browser, roles: () => roles };
}

/**
 * Saves a screenshot under test-output/screenshots/ once the page has settled: images loaded and maps idle
 * (the live notification stream keeps the network busy, so "network idle" never comes).
 */
export async function snap(page: Page, name: string, fullPage = false): Promise<void> {
  await page
    .waitForFunction(
      () =>
        [...document.images].every((img) => img.complete) &&
        !document.querySelector('[data-idle=false]') &&
        !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'),
      undefined,
      { timeout: 15_000, polling: 200 },
    )
    .catch(() => undefined);
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath(name), fullPage });
}

/** Opens a case page and waits until it shows the case in the given state. */
export async function openCase(page: Page, baseUrl: string, id: number, state?: string): Promise<void> {
  await page.goto(`${baseUrl}/cases/${id}`);
  await page
    .locator(`[data-testid=case-page][data-case-id="${id}"]${state ? `[data-state=${state}]` : ''}`)
    .waitFor();
}

/** Clicks an action button of the case page, fills the form with `fill`, submits and waits for `state`. */
export async function act(
  page: Page,
  action: string,
  fill: (modal: ReturnType<Page['getByTestId']>) => Promise<void>,
  state: string,
): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  const modal = page.getByTestId('action-modal');
  await modal.waitFor();
  await fill(modal);
  await page.getByTestId('action-submit').click();
  await page.locator(`[data-testid=case-page][data-state=${state}]`).waitFor();
  await page.getByTestId('case-timeline').locator(`[data-action=${action}]`).last().waitFor();
}

declare global {
  interface Window {
    __cgDashboardMap?: {
      loaded(): boolean;
      getCanvas(): HTMLCanvasElement;
      queryRenderedFeatures(
        pointOrOptions?: [number, number] | { layers?: string[] },
        options?: { layers?: string[] },
      ): { properties: Record<string, unknown> | null }[];
    };
  }
}

/** The responsible unit of the demo account `unit` (区城市管理局, code CG). */
export async function cityManagementUnit(baseUrl: string, cookie: string): Promise<number> {
  const units = await api<{ data: { id: number; code: string }[] }>(baseUrl, 'GET', '/api/units', { cookie });
  return units.data.find((u) => u.code === 'CG')!.id;
}

/** Waits until the dashboard map has drawn its polygons. */
export async function waitForAreas(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = window.__cgDashboardMap;
      return !!map?.loaded() && map.queryRenderedFeatures({ layers: ['area-fill'] }).length > 0;
    },
    undefined,
    { timeout: 60_000, polling: 250 },
  );
}

/** A spot (viewport pixels) over the polygon of `code` with no case point or cluster under it. */
export function spotOver(page: Page, code: string) {
  return page.evaluate((wanted) => {
    const map = window.__cgDashboardMap!;
    const canvas = map.getCanvas();
    const box = canvas.getBoundingClientRect();
    for (let y = 20; y < box.height - 20; y += 12)
      for (let x = 60; x < box.width - 20; x += 12) {
        if (document.elementFromPoint(box.left + x, box.top + y) !== canvas) continue;
        const area = map.queryRenderedFeatures([x, y], { layers: ['area-fill'] })[0];
        if (area?.properties?.code !== wanted) continue;
        if (map.queryRenderedFeatures([x, y], { layers: ['case-points'] }).length) continue;
        return { x: box.left + x, y: box.top + y };
      }
    return null;
  }, code);
}
