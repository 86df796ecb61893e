import { INTERNAL_SOURCES, PUBLIC_CASE_FIELDS, PUBLIC_EVENT_DATA, SYSTEM_EVENTS } from './case-visibility.ts';
import { CASE_STATE_LABELS, CASE_TRANSITIONS } from './case-workflow.ts';

/** Who writes a step's text and whether it can be published, in words. */
function textWords(t: (typeof CASE_TRANSITIONS)[number]): string {
  if (t.text === 'resident') return 'the resident’s text: never published';
  if (t.text === 'none') return '—';
  return t.visibility === 'public' ? 'staff text: internal unless marked public' : 'staff text: internal';
}

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
    '| action | 中文 | from | to | who (role via relation) | public timeline |',
    '|---|---|---|---|---|---|',
    ...CASE_TRANSITIONS.map(
      (t) =>
        `| \`${t.action}\` | ${t.zh} | ${t.from.join(', ')} | ${t.to} | ${t.who.map((w) => `${w.role} via ${w.via}`).join('; ')} | ${t.visibility} |`,
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
    ...visibilitySection(),
  ];
  return lines.join('\n');
}

/** The section on what the public sees: event visibility, note visibility, public fields, internal sources. */
function visibilitySection(): string[] {
  return [
    '## Public and internal',
    '',
    'Every event has a visibility (`case_events.public`: whether the step appears on the public timeline) and',
    'its text one too (`case_events.note_public`). The tracking page, Open311 (`extensions=true` notes),',
    'followers’ notifications and personal webhooks are built from one public presenter that reads only public',
    'events of public cases, with a note only where `note_public` is set. Staff text is internal unless its author',
    'ticks 向群众公开此说明 (`notePublic: true` in the transition body), which only public steps accept.',
    '',
    '| event | 中文 | public timeline | text |',
    '|---|---|---|---|',
    ...SYSTEM_EVENTS.map((e) => `| \`${e.action}\` | ${e.zh} | ${e.visibility} | ${e.when} |`),
    ...CASE_TRANSITIONS.map((t) => `| \`${t.action}\` | ${t.zh} | ${t.visibility} | ${textWords(t)} |`),
    '',
    `Public event data: ${Object.keys(PUBLIC_EVENT_DATA)
      .map((k) => `\`${k}\``)
      .join(', ')}; nothing else of an event’s data.`,
    `Public case fields: ${PUBLIC_CASE_FIELDS.map((k) => `\`${k}\``).join(', ')}.`,
    'Never public: the tracking code (only the reporter’s own tracking route echoes the code the caller sent),',
    'the reporter, names and roles of staff, the source, the grid’s code (its name and its community’s are public), counters and supervision marks.',
    '',
    `Cases from internal sources (${INTERNAL_SOURCES.map((s) => `\`${s}\``).join(', ')}) and care alerts`,
    'never appear in public feeds: Open311 lists, ids and tokens, the tracking page, public photos.',
    'Photos are public (`/api/photos/:id/public`, `/thumb`, cached publicly) only when they belong to a public',
    'step of a public case (the report’s photos, the disposal’s and 立行立改’s before/after photos); any other',
    'photo needs a logged-in caller who holds the case, and is cached privately.',
    '',
    'Events written before migration 0013 are internal except the report, the filing (with its reply deadline)',
    'and the close (`close`, `fix_on_spot`); their old notes are all internal.',
    '',
  ];
}
