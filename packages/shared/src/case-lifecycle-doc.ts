import { CASE_STATE_LABELS, CASE_TRANSITIONS } from './case-workflow.ts';

/**
 * Renders docs/workflows/case-lifecycle.md from the transition table, so the document cannot drift from
 * the rules: a test compares the file with this output (`npm run docs:workflow` rewrites it).
 */
export function renderCaseLifecycle(): string {
  const edges = new Set<string>();
  for (const t of CASE_TRANSITIONS) {
    for (const from of t.from) {
      const to = t.to === 'same' ? from : t.to === 'resume' ? '[*]' : t.to;
      if (t.to === 'resume') continue;
      edges.add(`  ${from} --> ${to}: ${t.zh} ${t.action}`);
    }
  }
  const resume = CASE_TRANSITIONS.find((t) => t.to === 'resume');
  const lines = [
    '# Case lifecycle',
    '',
    'Generated from `packages/shared/src/case-workflow.ts` by `npm run docs:workflow`; a test fails when this file',
    'and the table disagree. Every transition is one transaction: a conditional `UPDATE … WHERE id = $1 AND',
    'state = $from AND version = $v` (zero rows → `CASE_STATE_CONFLICT`, nothing written) plus one `case_events` row.',
    '',
    '## States',
    '',
    '| state | 中文 | English |',
    '|---|---|---|',
    ...Object.entries(CASE_STATE_LABELS).map(([s, l]) => `| \`${s}\` | ${l.zh} | ${l.en} |`),
    '',
    '## Diagram',
    '',
    '```mermaid',
    'stateDiagram-v2',
    '  [*] --> reported: 上报 report',
    ...[...edges],
    ...(resume
      ? (CASE_TRANSITIONS.find((t) => t.action === 'suspend')?.from ?? []).map(
          (s) => `  suspended --> ${s}: ${resume.zh} ${resume.action} (to the state before suspension)`,
        )
      : []),
    '```',
    '',
    '## Transitions',
    '',
    '| action | 中文 | from | to | who (role via relation) |',
    '|---|---|---|---|---|',
    ...CASE_TRANSITIONS.map(
      (t) =>
        `| \`${t.action}\` | ${t.zh} | ${t.from.join(', ')} | ${t.to} | ${t.who.map((w) => `${w.role} via ${w.via}`).join('; ')} |`,
    ),
    '',
    'Relations: `scope` — the case lies under one of the caller’s org grants; `unit` — the caller’s unit holds it;',
    '`co_unit` — the caller’s unit was called in by 吹哨; `reporter` — the caller reported it or holds its tracking code.',
    'Conditions the table cannot express are checked by the commands and narrowed in `abilities`: closing needs a',
    'passed check; one extension request at a time; rating and reopening only within the rating window',
    '(`rating_window_days`, default 7); the third reopening raises red supervision (提级督办).',
    '',
    '## System events of the overdue sweep',
    '',
    'Not transitions: the sweep (every minute, `escalation-sweep.ts`) writes them without changing the state, claiming',
    'each case or co-unit with a conditional `UPDATE` first, so several server processes never act twice.',
    '',
    '| action | 中文 | when | who hears |',
    '|---|---|---|---|',
    [
      '| `escalate` | 超期升级 | the current stage is past its deadline: level 1 (community), then one level up',
      'every 2 hours up to 3 (district); a new stage starts again at 1 | staff of the level reached, dispatchers and',
      'street staff |',
    ].join(' '),
    [
      '| `report_in_overdue` | 协办单位超时未报到 | a co-unit called in by 吹哨 has not reported in (报到) by its',
      'due time (`stage_limits.report_in`, default 2 working hours); once per co-unit | the co-unit’s handlers,',
      'dispatchers and street staff |',
    ].join(' '),
    '',
  ];
  return lines.join('\n');
}
