import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { type AxeViolation, axeViolations } from './axe.ts';
import { residentReport, snap, useRolePages } from './case-loop-helpers.ts';

const baseUrl = inject('baseUrl');
const { roles } = useRolePages(baseUrl);

/** Opens a console page, waits until its heading is drawn and it has settled, and runs axe on it. */
async function check(page: Page, path: string, name: string): Promise<[string, AxeViolation[]]> {
  await page.goto(`${baseUrl}${path}`);
  await page.locator('main').first().waitFor({ timeout: 60_000 });
  // a page is drawn once its heading is (every console page has one); the screenshot shows it either way
  const heading = await page
    .locator('main h1, main h2, main h3, main h4')
    .first()
    .waitFor({ timeout: 60_000 })
    .then(() => true)
    .catch(() => false);
  await snap(page, `a11y-${name}-desktop-1440x900`);
  expect(heading, `${path} shows no heading`).toBe(true);
  return [path, await axeViolations(page)];
}

const report = (found: [string, AxeViolation[]][]) =>
  found
    .filter(([, v]) => v.length > 0)
    .map(
      ([path, v]) =>
        `${path}\n${v.map((x) => `  ${x.id}: ${x.help}\n    ${x.targets.join('\n    ')}`).join('\n')}`,
    )
    .join('\n');

/** Issue 14: zero WCAG 2 A/AA violations (axe-core) on the older console pages. */
describe('the console pages have no WCAG 2 A/AA violations', () => {
  test('the dispatcher pages: desk, case page, dashboard, supervision, rankings, rectifications', async () => {
    const c = await residentReport(baseUrl, 'e2e 无障碍：人行道上的井盖松动了');
    const page = await roles().open('dispatcher');
    const found = [
      await check(page, '/desk', 'desk'),
      await check(page, `/cases/${c.id}`, 'case'),
      await check(page, '/dashboard', 'dashboard'),
      await check(page, '/supervision', 'supervision'),
      await check(page, '/rankings', 'rankings'),
      await check(page, '/rectifications', 'rectifications'),
    ];
    const text = report(found);
    expect(text, text).toBe('');
  });

  test('the administrator pages: categories, calendar, workflow, units, users, audit, org', async () => {
    const page = await roles().open('admin');
    const found = [
      await check(page, '/categories', 'categories'),
      await check(page, '/calendar', 'calendar'),
      await check(page, '/workflow', 'workflow'),
      await check(page, '/units', 'units'),
      await check(page, '/users', 'users'),
      await check(page, '/audit', 'audit'),
      await check(page, '/org', 'org'),
    ];
    const text = report(found);
    expect(text, text).toBe('');
  });
});

describe('the pages of the later modules have no WCAG 2 A/AA violations either', () => {
  test('the dispatcher: inbox, intake, bulletins, inspections', async () => {
    const page = await roles().open('dispatcher');
    const found = [
      await check(page, '/inbox', 'inbox'),
      await check(page, '/intake', 'intake'),
      await check(page, '/bulletins', 'bulletins'),
      await check(page, '/inspections', 'inspections'),
    ];
    const text = report(found);
    expect(text, text).toBe('');
  });

  test('the administrator: people, buildings, care, devices, roster, volunteers, five-star, directory, hooks, tokens, Open311, inspection set-up', async () => {
    const page = await roles().open('admin');
    const found = [];
    for (const [path, name] of [
      ['/people', 'people'],
      ['/buildings', 'buildings'],
      ['/care', 'care'],
      ['/care-devices', 'care-devices'],
      ['/care-roster', 'care-roster'],
      ['/volunteers', 'volunteers'],
      ['/five-star', 'five-star'],
      ['/directory', 'directory'],
      ['/webhooks', 'webhooks'],
      ['/tokens', 'tokens'],
      ['/open311', 'open311'],
      ['/inspection-setup', 'inspection-setup'],
      ['/supervision-settings', 'supervision-settings'],
    ] as const)
      found.push(await check(page, path, name));
    const text = report(found);
    expect(text, text).toBe('');
  });
});
