import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { axeViolations } from './axe.ts';
import { api, IN_GRIDWORKER_GRID, PHONE, sessionOf, snap, useRolePages } from './case-loop-helpers.ts';

const baseUrl = inject('baseUrl');
const { roles } = useRolePages(baseUrl);

interface GridFeature {
  geometry: Polygon | MultiPolygon;
  properties: { id: number; code: string; name: string };
}

declare global {
  interface Window {
    __cgPreviewMap?: { loaded(): boolean };
  }
}

function positions(g: Polygon | MultiPolygon): Position[] {
  return g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
}

function bbox(g: Polygon | MultiPolygon): [number, number, number, number] {
  const ps = positions(g);
  const xs = ps.map((p) => p[0]!);
  const ys = ps.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The outline shrunk towards its box's centre, so it stays inside its community and clear of its siblings. */
function shrunk(g: Polygon | MultiPolygon, k: number): Geometry {
  const [x0, y0, x1, y1] = bbox(g);
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const move = (p: Position): Position => [cx + (p[0]! - cx) * k, cy + (p[1]! - cy) * k];
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(move)) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map((r) => r.map(move))) };
}

const file = (name: string, geometry: Geometry) => ({
  name,
  mimeType: 'application/geo+json',
  buffer: Buffer.from(
    JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry }] }),
  ),
});

let admin: string;
let grid: GridFeature;
/** The grid's outline as the server holds it (full precision), to give it back after the test. */
let original: unknown;

/** A demo grid away from the grid worker's (other browser tests report there), the last in code order. */
async function pickGrid(): Promise<GridFeature> {
  admin = await sessionOf(baseUrl, 'admin');
  const fc = await api<{ features: GridFeature[] }>(baseUrl, 'GET', '/api/org/geojson?level=grid', {
    cookie: admin,
  });
  const far = fc.features.filter((f) => {
    const [x0, y0, x1, y1] = bbox(f.geometry);
    const { lng, lat } = IN_GRIDWORKER_GRID;
    return !(lng >= x0 && lng <= x1 && lat >= y0 && lat <= y1);
  });
  const picked = far[far.length - 1]!;
  original = await api(baseUrl, 'GET', `/api/org/nodes/${picked.properties.id}/boundary`, { cookie: admin });
  return picked;
}

async function openNode(page: Page, id: number): Promise<void> {
  await page.goto(`${baseUrl}/org?node=${id}`);
  await page.getByTestId('node-detail-name').waitFor({ timeout: 60_000 });
}

afterAll(async () => {
  // give the demo grid back its name, validity and outline, so the other browser tests find it as it was
  if (!grid) return;
  const id = grid.properties.id;
  await api(baseUrl, 'PATCH', `/api/org/nodes/${id}`, {
    cookie: admin,
    body: { name: grid.properties.name, nameEn: null, validTo: null },
  }).catch(() => undefined);
  await api(baseUrl, 'POST', `/api/org/nodes/${id}/boundary`, {
    cookie: admin,
    body: original,
  });
});

describe('administrators edit org nodes in the console', () => {
  test('an admin renames a grid in both languages and sets its end date; an end before the start is refused', async () => {
    grid = await pickGrid();
    const page = await roles().open('admin');
    await openNode(page, grid.properties.id);
    await page.getByTestId('node-edit').click();
    const form = page.getByTestId('node-edit-form');
    await form.waitFor();
    await page.getByTestId('node-edit-name').fill(`${grid.properties.name}（调整）`);
    await page.getByTestId('node-edit-name-en').fill('Adjusted grid');
    const validTo = page.locator('.ant-modal .ant-picker input').nth(1);
    await validTo.fill('2000-01-01');
    // the calendar speaks the page's language: 1月 and weeks from Monday (一), not Jan and Su
    const panel = page.locator('.ant-picker-dropdown:visible');
    await expect.poll(() => panel.locator('.ant-picker-month-btn').textContent()).toBe('1月');
    expect(await panel.locator('thead th').first().textContent()).toBe('一');
    await snap(page, 'org-node-edit-calendar-desktop-1440x900');
    await validTo.press('Enter');
    await page.getByText('结束日期须晚于生效日期').waitFor();
    // until its closing animation ends the panel's fading text is still in the page (axe flags its contrast)
    await expect.poll(() => panel.count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'org-node-edit-desktop-1440x900');

    await validTo.fill('2099-12-31');
    await validTo.press('Enter');
    await page.getByText('结束日期须晚于生效日期').waitFor({ state: 'detached' });
    // Enter in a date field may already have submitted the form
    if (await form.isVisible()) await page.getByTestId('node-edit-submit').click();
    await form.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('node-detail').textContent(), { timeout: 15_000 })
      .toContain('至 2099-12-31');
    expect(await page.getByTestId('node-detail-name').textContent()).toBe(`${grid.properties.name}（调整）`);
    const audit = await api<{ data: { action: string; entityId: string }[] }>(
      baseUrl,
      'GET',
      '/api/audit?entity=org_node&limit=5',
      { cookie: admin },
    );
    expect(audit.data.some((e) => e.action === 'org.update' && e.entityId === grid.properties.code)).toBe(
      true,
    );
    expect(roles().serious()).toEqual([]);
  });

  test('an admin uploads a new boundary, sees the preview with both outlines and confirms it', async () => {
    grid ??= await pickGrid();
    const page = await roles().open('admin');
    await openNode(page, grid.properties.id);
    await page.getByTestId('node-boundary').click();
    const upload = page.locator('.ant-modal input[type=file]');

    // a self-crossing outline is shown as a problem, and the confirm button stays off
    const [x0, y0, x1, y1] = bbox(grid.geometry);
    const bow: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [x1, y1],
          [x1, y0],
          [x0, y1],
          [x0, y0],
        ],
      ],
    };
    await upload.setInputFiles(file('bad.geojson', bow));
    await page.getByTestId('boundary-problems').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('boundary-problems').textContent()).toContain('不是有效的面');
    expect(await page.getByTestId('boundary-apply').isDisabled()).toBe(true);
    await snap(page, 'org-boundary-problems-desktop-1440x900');

    await upload.setInputFiles(file('grid.geojson', shrunk(grid.geometry, 0.8)));
    await page.getByTestId('boundary-problems').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('boundary-changes').waitFor();
    await page.waitForFunction(() => window.__cgPreviewMap?.loaded() === true, undefined, {
      timeout: 30_000,
    });
    const row = await page.getByTestId('boundary-changes').locator('tbody tr').first().textContent();
    expect(row).toContain(grid.properties.code);
    // 0.8 × 0.8 of the area: about −36 %
    expect(row).toMatch(/−3[5-7]\.\d%/);
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'org-boundary-preview-desktop-1440x900');
    await page.getByTestId('boundary-apply').scrollIntoViewIfNeeded();
    await snap(page, 'org-boundary-preview-table-desktop-1440x900');

    await page.getByTestId('boundary-apply').click();
    await page.getByText('已更新 1 个节点的边界').waitFor({ timeout: 30_000 });
    const after = await api<{ features: GridFeature[] }>(baseUrl, 'GET', '/api/org/geojson?level=grid', {
      cookie: admin,
    });
    const now = after.features.find((f) => f.properties.id === grid.properties.id)!;
    expect(bbox(now.geometry)[2] - bbox(now.geometry)[0]).toBeCloseTo((x1 - x0) * 0.8, 5);
    expect(roles().serious()).toEqual([]);
  });

  test('the edit and boundary dialogs fit a phone without sideways scrolling', async () => {
    grid ??= await pickGrid();
    const page = await roles().open('admin', true);
    await openNode(page, grid.properties.id);
    await page.getByTestId('node-edit').click();
    await page.getByTestId('node-edit-form').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await snap(page, 'org-node-edit-phone-390x844');
    // the end date's calendar opens in Chinese within the phone's width
    await page.locator('.ant-modal .ant-picker input').nth(1).click();
    const panel = page.locator('.ant-picker-dropdown:visible');
    await expect.poll(() => panel.locator('thead th').first().textContent()).toBe('一');
    expect(await panel.locator('.ant-picker-month-btn').textContent()).toMatch(/^\d{1,2}月$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await snap(page, 'org-node-edit-calendar-phone-390x844');
    await page.locator('.ant-modal-title').click();
    await expect.poll(() => panel.count()).toBe(0);
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByTestId('node-boundary').click();
    await page
      .locator('.ant-modal input[type=file]')
      .setInputFiles(file('grid.geojson', shrunk(grid.geometry, 0.9)));
    await page.getByTestId('boundary-changes').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => window.__cgPreviewMap?.loaded() === true, undefined, {
      timeout: 30_000,
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await snap(page, 'org-boundary-preview-phone-390x844');
  });
});
