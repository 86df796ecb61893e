import {
  CASE_TRANSITIONS,
  type CaseSource,
  type CaseTransition,
  type EventVisibility,
} from './case-workflow.ts';

/**
 * Sources whose cases are never public (PRODUCT §8): 暗访 undercover and 督查 supervision visits, 模拟测评 mock
 * evaluations, 领导交办 leader assignments and 设备告警 device alerts. Publishing them would tip off the places
 * inspected or expose what a device watched; they stay out of Open311, the tracking page and public photos.
 */
export const INTERNAL_SOURCES = [
  'undercover',
  'supervision',
  'mock_evaluation',
  'leader',
  'device',
] as const satisfies readonly CaseSource[];

/** Whether cases from this source may appear in public feeds at all. */
export function isPublicSource(source: string): boolean {
  return !(INTERNAL_SOURCES as readonly string[]).includes(source);
}

/** Events that are not transitions of the table: the report itself and the system's own entries. */
export const SYSTEM_EVENTS = [
  { action: 'report', visibility: 'public', zh: '上报', en: 'Report', when: 'the case is reported' },
  {
    action: 'escalate',
    visibility: 'internal',
    zh: '超期升级',
    en: 'Escalated',
    when: 'the overdue sweep raises a late stage',
  },
  {
    action: 'report_in_overdue',
    visibility: 'internal',
    zh: '协办单位超时未报到',
    en: 'Co-unit late to report in',
    when: 'a co-unit called in by 吹哨 has not reported in',
  },
  {
    action: 'comment',
    visibility: 'internal',
    zh: '备注',
    en: 'Note',
    when: 'a system note, e.g. on the master of a merge',
  },
  {
    action: 'follow_up',
    visibility: 'public',
    zh: '反映人补充',
    en: 'Follow-up',
    when: 'an Open311 client (FixMyStreet) posts a comment on the request; its text stays internal',
  },
] as const satisfies readonly {
  action: string;
  visibility: EventVisibility;
  zh: string;
  en: string;
  when: string;
}[];

/** Whether an event of this action appears on the public timeline; unknown actions are internal. */
export function eventVisibility(action: string): EventVisibility {
  const row =
    CASE_TRANSITIONS.find((t) => t.action === action) ?? SYSTEM_EVENTS.find((e) => e.action === action);
  return row?.visibility ?? 'internal';
}

/**
 * Whether the author of this step may mark its note public (向群众公开此说明): only staff text, and only on a
 * step the public timeline shows. A resident's own words (rating comment, reopen reason) are never published.
 */
export function mayPublishNote(action: string): boolean {
  const t = CASE_TRANSITIONS.find((x) => x.action === action) as CaseTransition | undefined;
  return !!t && t.visibility === 'public' && t.text === 'staff';
}

/**
 * The only event data a public event carries, as public key ← key in `case_events.data`: the reply deadline
 * of the filing, the unit a case was sent to (the agency responsible), a rating, the reopen count and the
 * kind of a rejection. Everything else in the data (deadlines of units, co-units, supervision levels, merge
 * targets, escalation levels) stays internal.
 */
export const PUBLIC_EVENT_DATA = {
  replyDeadlineAt: 'replyDeadlineAt',
  unitName: 'unitName',
  rating: 'rating',
  reopenCount: 'reopenCount',
  rejectReason: 'reason',
  referredTo: 'referredTo',
} as const;

/**
 * The columns of a case anyone may read (the tracking page, Open311, followers). The server's public case
 * query selects exactly these (a test checks the type and the SQL against this list); nothing else of a case
 * row, such as the tracking code, the reporter, the source, the grid's code or internal counters, can reach them.
 * The place's community and grid are named (their outlines are public map data already), so a resident
 * recognises where the report went without reading coordinates.
 */
export const PUBLIC_CASE_FIELDS = [
  'id',
  'state',
  'categoryCode',
  'categoryNameZh',
  'categoryNameEn',
  'description',
  'address',
  'lng',
  'lat',
  'reportedAt',
  'replyDeadlineAt',
  'closedAt',
  'rejectedAt',
  'rejectReason',
  'rejectNote',
  'masterCaseId',
  'rating',
  'unitName',
  'unitNameEn',
  'updatedAt',
  'firstPhotoId',
  'mediaUrl',
  'areaName',
  'areaNameEn',
] as const;
export type PublicCaseField = (typeof PUBLIC_CASE_FIELDS)[number];

type Lang = 'zh' | 'en';

/** Why a case was not filed, in words a resident understands. */
export const REJECT_REASON_LABELS: Record<string, { zh: string; en: string }> = {
  not_substantiated: { zh: '经核实情况不属实', en: 'not substantiated' },
  out_of_scope: { zh: '不属于受理范围，已转交有关部门', en: 'out of scope, referred to the competent body' },
  referred: { zh: '不属于本区受理范围，已转办', en: 'outside the district, referred' },
};

/** 百姓评价 in words. */
export const RATING_LABELS: Record<string, { zh: string; en: string }> = {
  satisfied: { zh: '满意', en: 'satisfied' },
  basic: { zh: '基本满意', en: 'mostly satisfied' },
  dissatisfied: { zh: '不满意', en: 'dissatisfied' },
};

/** A time as the district reads it, in China time (+08:00, no daylight saving): 2026年1月5日 09:30 / 2026-01-05 09:30. */
export function formatDistrictTime(at: string | Date, lang: Lang): string {
  const ms = (typeof at === 'string' ? Date.parse(at) : at.getTime()) + 8 * 3_600_000;
  const iso = new Date(ms).toISOString();
  if (lang === 'en') return iso.slice(0, 16).replace('T', ' ');
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日 ${iso.slice(11, 16)}`;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The sentence a public step shows, per action (`{x}` filled from the public event data). */
const STEP_TEXT: Record<string, { zh: string; en: string }> = {
  report: { zh: '已收到反映', en: 'Report received' },
  verify: { zh: '已安排工作人员现场核实', en: 'A staff member will check on site' },
  file: { zh: '已受理立案', en: 'Accepted' },
  fileReply: { zh: '已受理立案，将在 {date} 前答复', en: 'Accepted; a reply is due by {date}' },
  reject: { zh: '不予立案', en: 'Not accepted' },
  merge: { zh: '与已有的同一问题合并办理', en: 'Merged with an earlier report of the same problem' },
  dispatch: { zh: '已派发至责任单位', en: 'Sent to the responsible unit' },
  dispatchUnit: { zh: '已派发至{unit}', en: 'Sent to {unit}' },
  reassign: { zh: '已改派至其他责任单位', en: 'Reassigned to another unit' },
  reassignUnit: { zh: '已改派至{unit}', en: 'Reassigned to {unit}' },
  refer: { zh: '不属于本区受理范围，已转办', en: 'Outside the district; referred' },
  referTo: { zh: '不属于本区受理范围，已转办至{body}', en: 'Outside the district; referred to {body}' },
  feedback: { zh: '责任单位已处理，等待现场核查', en: 'The unit reports it fixed; a check on site follows' },
  check_fail: {
    zh: '现场核查未通过，已要求重新处理',
    en: 'The check on site failed; the unit works on it again',
  },
  close: { zh: '已办结', en: 'Closed' },
  rate: { zh: '已评价：{rating}', en: 'Rated: {rating}' },
  reopen: { zh: '已发回重办', en: 'Sent back for rework' },
  fix_on_spot: { zh: '网格员已现场整改', en: 'Fixed on the spot by the grid worker' },
  follow_up: { zh: '反映人补充了情况', en: 'The reporter added information' },
};

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/**
 * What the public timeline says about one public step, built only from its action and public data (see
 * PUBLIC_EVENT_DATA). The tracking page, Open311 notes, followers' notifications and the console's preview
 * all use this one function, so the preview shows what the resident will read.
 */
export function publicStepText(e: { action: string; data?: Record<string, unknown> }, lang: Lang): string {
  const d = e.data ?? {};
  switch (e.action) {
    case 'file': {
      const reply = str(d.replyDeadlineAt);
      return reply
        ? fill(STEP_TEXT.fileReply![lang], { date: formatDistrictTime(reply, lang) })
        : STEP_TEXT.file![lang];
    }
    case 'reject': {
      const why = REJECT_REASON_LABELS[str(d.rejectReason) ?? '']?.[lang];
      return why ? `${STEP_TEXT.reject![lang]}${lang === 'en' ? ': ' : '：'}${why}` : STEP_TEXT.reject![lang];
    }
    case 'dispatch':
    case 'reassign': {
      const unit = str(d.unitName);
      return unit ? fill(STEP_TEXT[`${e.action}Unit`]![lang], { unit }) : STEP_TEXT[e.action]![lang];
    }
    case 'refer': {
      const body = str(d.referredTo);
      return body ? fill(STEP_TEXT.referTo![lang], { body }) : STEP_TEXT.refer![lang];
    }
    case 'rate':
      return fill(STEP_TEXT.rate![lang], { rating: RATING_LABELS[str(d.rating) ?? '']?.[lang] ?? '' });
    default:
      return STEP_TEXT[e.action]?.[lang] ?? (lang === 'en' ? 'Progress update' : '办理进展更新');
  }
}

/** A public step with its published note, as one line: `已办结：路灯已更换` (the note only when public). */
export function publicStepLine(
  e: { action: string; data?: Record<string, unknown>; note?: string | null },
  lang: Lang,
): string {
  const text = publicStepText(e, lang);
  if (!e.note) return text;
  return `${text}${lang === 'en' ? ' — ' : '。说明：'}${e.note}`;
}

/**
 * Categories never shown on the public map of reports nearby, though their cases may be public to their own
 * reporter: 09 市民文明行为 (reports about a person's conduct), 12.01 独居老人关爱预警 (care alerts), 12.02 邻里纠纷
 * (disputes between neighbours) and 12.03 困难群众帮扶 (a household's hardship). A top-level code covers its
 * sub-categories.
 */
export const NEARBY_EXCLUDED_CATEGORIES = ['09', '12.01', '12.02', '12.03'] as const;

/** How long a closed case stays on the map of reports nearby, in days. */
export const NEARBY_CLOSED_DAYS = 30;
