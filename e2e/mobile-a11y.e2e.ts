import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { type AxeViolation, axeViolations } from './axe.ts';
import { PHONE_CONTEXT, residentReport, useRolePages } from './case-loop-helpers.ts';
import { DEMO_PASSWORD, screenshotPath, watchPage } from './harness.ts';

// Issue 14: every phone page has zero WCAG 2 A/AA violations (axe-core), and follows the 适老化 guidance —
// touch targets of at least 44 × 44 CSS pixels and text that grows with the phone's text size.

const baseUrl = inject('baseUrl');
const LONG = 300_000;
/** The smallest touch target: WCAG 2.5.5 (AAA) and the 适老化 guidance both ask for 44 CSS pixels. */
const TARGET = 44;

interface Found {
  path: string;
  axe: AxeViolation[];
  small: string[];
  fixedText: boolean;
}

/** A phone of its own (390 × 844, zh-CN), logged in on the phone's login page when a user is given. */
async function phone(browser: () => import('playwright-core').Browser, username?: string) {
  const context = await browser().newContext(PHONE_CONTEXT);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems = watchPage(page);
  if (username) {
    await page.goto(`${baseUrl}/m/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => u.pathname !== '/m/login');
  }
  return { context, page, problems };
}

/** Interactive elements smaller than the target, except links inside running text (WCAG's inline exception). */
function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((least) => {
    const out: string[] = [];
    const items = document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type=hidden]), select, textarea, [role=tab], [role=button]',
    );
    for (const el of items) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue; // not shown
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      // a file input hidden behind its styled label: the label is the target
      if (el instanceof HTMLInputElement && el.type === 'file' && Number(style.opacity) === 0) continue;
      const inline = el.tagName === 'A' && style.display === 'inline' && el.closest('p, li, dd, span');
      if (inline) continue;
      // a control inside a larger clickable label counts with its label
      const label = el.closest('label');
      const r = label ? label.getBoundingClientRect() : box;
      if (r.height + 0.5 < least || r.width + 0.5 < least)
        out.push(
          `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
    }
    return out;
  }, min);
}

/** Whether the page's text stays the same size when the phone's text size is doubled (a fixed pixel size). */
async function textIsFixed(page: Page): Promise<boolean> {
  const sizeOf = () =>
    page.evaluate(() => {
      const el = document.querySelector(
        'main p, main li, main h1, main h2, main label, h1',
      ) as HTMLElement | null;
      return el ? Number.parseFloat(getComputedStyle(el).fontSize) : 0;
    });
  const before = await sizeOf();
  await page.evaluate(() => {
    document.documentElement.style.fontSize = '200%';
  });
  const after = await sizeOf();
  await page.evaluate(() => {
    document.documentElement.style.fontSize = '';
  });
  return !(after >= before * 1.9);
}

async function check(page: Page, path: string, ready: string, name: string): Promise<Found> {
  await page.goto(`${baseUrl}/m${path}`);
  await page.getByTestId(ready).first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshotPath(`m-a11y-${name}-phone-390x844`), fullPage: true });
  return {
    path,
    axe: await axeViolations(page),
    small: await smallTargets(page, TARGET),
    fixedText: await textIsFixed(page),
  };
}

const report = (found: Found[]) =>
  found
    .map((f) => {
      const lines = [
        ...f.axe.map((x) => `  axe ${x.id}: ${x.help}\n    ${x.targets.join('\n    ')}`),
        ...f.small.map((s) => `  small target: ${s}`),
        ...(f.fixedText ? ['  text does not grow with the phone’s text size'] : []),
      ];
      return lines.length ? `/m${f.path}\n${lines.join('\n')}` : '';
    })
    .filter(Boolean)
    .join('\n');

/** A page to sweep: its path under /m, the test id that shows it is drawn, and the screenshot's name. */
type Stop = [path: string, ready: string, name: string];

describe('the phone pages: WCAG 2 A/AA and 适老化', () => {
  const { browser } = useRolePages(baseUrl);

  /** Opens the pages on one phone (logged in as `username`, if given) and expects nothing to report. */
  async function sweep(username: string | undefined, stops: Stop[]): Promise<void> {
    const { context, page, problems } = await phone(browser, username);
    const found: Found[] = [];
    for (const [path, ready, name] of stops) found.push(await check(page, path, ready, name));
    await context.close();
    const text = report(found);
    expect(text, text).toBe('');
    expect(problems.filter((p) => p.startsWith('page error') || p.startsWith('HTTP 5'))).toEqual([]);
  }

  test(
    'a resident’s pages: home, report, map picker, track, a case, nearby, directory, check-in, login',
    async () => {
      const c = await residentReport(baseUrl, 'e2e 适老化：小区路灯坏了');
      await sweep(undefined, [
        ['/', 'landing-page', 'home'],
        ['/report', 'report-form', 'report'],
        ['/track', 'track-input', 'track'],
        [`/track/${c.trackingCode}`, 'track-state', 'track-case'],
        ['/nearby', 'nearby-page', 'nearby'],
        ['/directory', 'directory-page', 'directory'],
        ['/checkin', 'checkin-page', 'checkin'],
        ['/login', 'login-username', 'login'],
      ]);
    },
    LONG,
  );

  test(
    'a grid worker’s pages: tasks, a task, patrol, grid map, visits, care',
    async () => {
      const c = await residentReport(baseUrl, 'e2e 适老化：楼道里堆了纸箱');
      await sweep('gridworker', [
        ['/tasks', 'tasks-page', 'tasks'],
        [`/tasks/${c.id}`, 'task-detail', 'task'],
        ['/patrol', 'report-form', 'patrol'],
        ['/grid', 'grid-map', 'grid'],
        ['/visits', 'visits-page', 'visits'],
        ['/care', 'care-page', 'care'],
      ]);
    },
    LONG,
  );

  test(
    'a leader’s inspections and a volunteer’s pages',
    async () => {
      await sweep('leader', [['/inspections', 'inspections-page', 'inspections']]);
      await sweep('volunteer', [['/volunteer', 'volunteer-page', 'volunteer']]);
    },
    LONG,
  );
});
