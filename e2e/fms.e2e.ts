import { describe, expect, inject, test } from 'vitest';
import { api, IN_GRIDWORKER_GRID, openCase, sessionOf, snap, useRolePages } from './case-loop-helpers.ts';

// A FixMyStreet report on the dispatcher's case page: the answer FixMyStreet could not validate flagged, the
// reporter's e-mail masked until revealed (mailto, to reply), the comment FixMyStreet posted back on the
// timeline. Desktop, zh-CN and en-US.

const baseUrl = inject('baseUrl');
const stamp = Date.now().toString(36);
const EMAIL = `alice.${stamp}@example.org`;

/** A POST as FixMyStreet's Open311 client sends it. */
function fmsPost(path: string, fields: Record<string, string>) {
  return fetch(`${baseUrl}/open311/v2/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}

describe('a FixMyStreet report in the console', () => {
  const { roles } = useRolePages(baseUrl);

  test('flags the answer it could not validate, masks the e-mail until revealed, shows its comment', async () => {
    const admin = await sessionOf(baseUrl, 'admin');
    const { data: key } = await api<{ data: { key: string } }>(baseUrl, 'POST', '/api/open311/keys', {
      cookie: admin,
      body: { name: `FixMyStreet ${stamp}` },
    });
    const sent = await fmsPost('requests.xml', {
      api_key: key.key,
      service_code: '05.02',
      lat: String(IN_GRIDWORKER_GRID.lat),
      long: String(IN_GRIDWORKER_GRID.lng),
      description: `Lamp out by the school ${stamp}\r\n\r\nDark for a week.\r\n\r\nhttps://fms.example.org/report/42\r\n`,
      first_name: 'Alice',
      last_name: 'Smith',
      email: EMAIL,
      'attribute[pole_number]': 'LD-0042',
      'attribute[lamp_count]': 'three',
    });
    expect(sent.status).toBe(201);
    const id = Number(/<service_request_id>(\d+)</.exec(await sent.text())![1]);
    const comment = await fmsPost('servicerequestupdates.xml', {
      api_key: key.key,
      service_request_id: String(id),
      update_id: `fms-${stamp}`,
      status: 'OPEN',
      description: 'Still dark tonight, please hurry.',
      first_name: 'Alice',
      last_name: 'Smith',
    });
    expect(comment.status).toBe(201);

    const d = await roles().open('dispatcher');
    await openCase(d, baseUrl, id, 'reported');
    const issues = d.getByTestId('case-answer-issues');
    await issues.waitFor();
    expect(await issues.textContent()).toContain('接口上报的答案未通过校验');
    expect(await issues.textContent()).toContain('“three”（应为数字）');
    const reporter = d.getByTestId('case-reporter');
    expect(await reporter.textContent()).toContain('a***@example.org');
    expect(await d.locator('body').textContent()).not.toContain(EMAIL);
    const followUp = d.locator('[data-testid=timeline-entry][data-action=follow_up]');
    expect(await followUp.textContent()).toContain('反映人补充');
    expect(await followUp.textContent()).toContain('Still dark tonight');
    await snap(d, 'fms-case-page-1440x900', true);

    await d.getByTestId('reporter-reveal').click();
    await d.getByTestId('reveal-reason').fill('需邮件回复反映人');
    await d.getByTestId('reveal-submit').click();
    await d.locator('[data-testid=case-reporter][data-state=revealed]').waitFor();
    expect(await d.getByTestId('reporter-email').getAttribute('href')).toBe(`mailto:${EMAIL}`);
    await snap(d, 'fms-reporter-revealed-1440x900');
  });
});
