import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, logIn, screenshotPath, submitLogin, watchPage } from './harness.ts';

/** The part of the MapLibre map (exposed by the org page as `window.__cgMap`) these tests use. */
interface MapHandle {
  loaded(): boolean;
  getLayer(id: string): unknown;
  getCanvas(): HTMLCanvasElement;
  queryRenderedFeatures(
    pointOrOptions?: [number, number] | { layers?: string[] },
    options?: { layers?: string[] },
  ): { properties: Record<string, unknown> | null }[];
}

declare global {
  interface Window {
    __cgMap?: MapHandle;
  }
}

/** A spot on the map canvas (viewport pixels) over a rendered grid polygon. */
interface GridSpot {
  x: number;
  y: number;
  atCentre: boolean;
  code: string | null;
  name: string | null;
}

const baseUrl = inject('baseUrl');
const GRID_CODE = /(?<!\d)\d{15}(?!\d)/;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Waits until the org map has loaded and draws at least one grid polygon. */
async function waitForGrids(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const map = window.__cgMap;
      if (!map?.loaded()) return 0;
      const layers = map.getLayer('grid-fill') ? ['grid-fill'] : undefined;
      return map.queryRenderedFeatures(layers ? { layers } : undefined).length;
    },
    undefined,
    { timeout: 60_000, polling: 250 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * The map's centre if a grid is drawn there and nothing (detail card, legend, controls) covers it; otherwise
 * the nearest such spot, searched in growing squares around the centre.
 */
function findGridSpot(page: Page): Promise<GridSpot | null> {
  return page.evaluate(() => {
    const map = window.__cgMap;
    if (!map) return null;
    const canvas = map.getCanvas();
    const box = canvas.getBoundingClientRect();
    const layers = map.getLayer('grid-fill') ? ['grid-fill'] : undefined;
    const cx = Math.round(box.width / 2);
    const cy = Math.round(box.height / 2);
    const step = 6;
    const maxRing = Math.ceil(Math.max(box.width, box.height) / 2 / step);
    const probe = (dx: number, dy: number) => {
      const x = cx + dx;
      const y = cy + dy;
      if (x < 1 || y < 1 || x > box.width - 1 || y > box.height - 1) return null;
      const vx = box.left + x;
      const vy = box.top + y;
      if (document.elementFromPoint(vx, vy) !== canvas) return null;
      const hit = map.queryRenderedFeatures([x, y], layers ? { layers } : undefined)[0];
      if (!hit) return null;
      const props = hit.properties ?? {};
      return {
        x: vx,
        y: vy,
        atCentre: dx === 0 && dy === 0,
        code: typeof props.code === 'string' ? props.code : null,
        name: typeof props.name === 'string' ? props.name : null,
      };
    };
    for (let ring = 0; ring <= maxRing; ring++) {
      const r = ring * step;
      for (let i = -ring; i <= ring; i++) {
        const d = i * step;
        const spot = probe(d, -r) ?? probe(d, r) ?? probe(-r, d) ?? probe(r, d);
        if (spot) return spot;
      }
    }
    return null;
  });
}

/** Opens /org, waits for the tree and the grid polygons, clicks a grid and waits for its 15-digit code. */
async function openGridDetail(page: Page, problems: string[]): Promise<{ spot: GridSpot; detail: string }> {
  await page.goto(`${baseUrl}/org`);
  await page.getByTestId('org-tree').waitFor({ timeout: 60_000 });
  await page.getByTestId('org-map').waitFor();
  const rendered = await waitForGrids(page);
  expect(rendered, `grid polygons on the map; page problems: ${problems.join(' | ')}`).toBeGreaterThan(0);

  const spot = await findGridSpot(page);
  expect(spot, 'a visible grid polygon on the map').not.toBeNull();
  await page.mouse.click(spot!.x, spot!.y);

  const panel = page.getByTestId('node-detail');
  await expect
    .poll(async () => ((await panel.isVisible()) ? ((await panel.textContent()) ?? '') : ''), {
      timeout: 30_000,
    })
    .toMatch(GRID_CODE);
  const detail = (await panel.textContent()) ?? '';
  // The panel shows the grid that was clicked, not merely some code.
  if (spot!.code) expect(detail).toContain(spot!.code);
  expect(new URL(page.url()).pathname).toBe('/org');
  return { spot: spot!, detail };
}

describe('web console', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function newPage(viewport: { width: number; height: number }, phone = false) {
    const context = await browser.newContext({
      viewport,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return { page, problems: watchPage(page) };
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });

  test('admin logs in, opens the org map and clicks a grid to see its 15-digit code (desktop)', async () => {
    const { page, problems } = await newPage(DESKTOP);
    await logIn(page, baseUrl, 'admin', DEMO_PASSWORD);
    const { spot, detail } = await openGridDetail(page, problems);
    expect(detail.match(GRID_CODE)?.[0]).toHaveLength(15);
    console.log(
      `desktop: clicked ${spot.atCentre ? 'the map centre' : 'a grid near the centre'}: ${spot.name} ${spot.code}`,
    );
    await page.screenshot({ path: screenshotPath('org-desktop-1440x900') });
    expect(problems.filter((p) => p.startsWith('page error') || p.startsWith('HTTP 5'))).toEqual([]);
  });

  test('the same on a phone (390×844): map, grid click, detail below, no sideways scrolling', async () => {
    const { page, problems } = await newPage(PHONE, true);
    await logIn(page, baseUrl, 'admin', DEMO_PASSWORD);
    const { spot } = await openGridDetail(page, problems);
    console.log(
      `phone: clicked ${spot.atCentre ? 'the map centre' : 'a grid near the centre'}: ${spot.name}`,
    );
    await page.screenshot({ path: screenshotPath('org-phone-390x844') });
    await page.getByTestId('node-detail').scrollIntoViewIfNeeded();
    // A viewport shot after scrolling: a full-page shot would draw the sticky header mid-page.
    await page.screenshot({ path: screenshotPath('org-phone-390x844-detail') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'page wider than the phone screen').toBeLessThanOrEqual(0);
    expect(problems.filter((p) => p.startsWith('page error') || p.startsWith('HTTP 5'))).toEqual([]);
  });

  test('a wrong password shows 用户名或密码错误 and stays on /login', async () => {
    const { page } = await newPage(DESKTOP);
    await submitLogin(page, baseUrl, 'admin', 'not-the-password');
    await page.getByText('用户名或密码错误').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    expect(new URL(page.url()).pathname).toBe('/login');
    // Still on the form, ready for another try.
    await page.getByTestId('login-submit').waitFor();
    await page.screenshot({ path: screenshotPath('login-wrong-password') });
  });
});
