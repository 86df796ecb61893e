import type { Role } from './roles.ts';

/** Case states (PRODUCT §3), one column in the database. */
export const CASE_STATES = [
  'reported',
  'verifying',
  'filed',
  'dispatched',
  'pending_check',
  'closed',
  'rejected',
  'suspended',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** States from which a case can still move (everything but closed and rejected). */
export const OPEN_STATES: readonly CaseState[] = [
  'reported',
  'verifying',
  'filed',
  'dispatched',
  'pending_check',
  'suspended',
];

export const CASE_STATE_LABELS: Record<CaseState, { zh: string; en: string }> = {
  reported: { zh: '待受理', en: 'Reported' },
  verifying: { zh: '待核实', en: 'Verifying' },
  filed: { zh: '待派遣', en: 'Filed' },
  dispatched: { zh: '处置中', en: 'In progress' },
  pending_check: { zh: '待核查', en: 'Awaiting check' },
  closed: { zh: '已结案', en: 'Closed' },
  rejected: { zh: '不予立案', en: 'Rejected' },
  suspended: { zh: '挂账', en: 'Suspended' },
};

/** What a passed check waits for: 结案 by staff, so the label says what happens next. */
export const CHECK_PASSED_LABEL = { zh: '待结案', en: 'Awaiting closing' } as const;

/**
 * The label of a case's state as people read it: a case whose check passed is still `pending_check` in the
 * table (only staff close it), but it no longer waits for a check, so it reads 待结案.
 */
export function caseStateLabel(
  state: CaseState,
  checkPassed: boolean | undefined,
  lang: 'zh' | 'en',
): string {
  if (state === 'pending_check' && checkPassed) return CHECK_PASSED_LABEL[lang];
  return CASE_STATE_LABELS[state]?.[lang] ?? state;
}

/**
 * How the caller relates to a case, which decides the transitions open to them besides their role:
 * `scope` — the case lies in the org scope of one of their grants; `unit` — their unit holds the case;
 * `co_unit` — their unit was called in by 吹哨; `reporter` — they reported or follow it.
 */
export type CaseRelation = 'scope' | 'unit' | 'co_unit' | 'reporter';

export interface CaseTransition {
  action: CaseAction;
  from: readonly CaseState[];
  /** the new state; 'same' keeps it, 'resume' returns to the state before suspension */
  to: CaseState | 'same' | 'resume';
  /** who may fire it: a role plus how it must relate to the case */
  who: readonly { role: Role; via: CaseRelation }[];
  /**
   * Whether the step appears on the public timeline (tracking page, Open311 notes, followers): `public`
   * milestones are what a resident waits for; `internal` steps are the administration's own business.
   */
  visibility: EventVisibility;
  /**
   * Whose text the step carries: `staff` (internal unless its author marks it public, and only on a public
   * step), `resident` (a rating comment or a reopen reason, never shown to others) or `none`.
   */
  text: 'staff' | 'resident' | 'none';
  zh: string;
  en: string;
}

/** Whether an event shows on the public timeline at all. */
export type EventVisibility = 'public' | 'internal';

const STAFF = ['district_admin', 'dispatcher', 'street_staff'] as const;
const staff = STAFF.map((role) => ({ role, via: 'scope' as const }));
const unit = [{ role: 'unit_handler' as const, via: 'unit' as const }];
const checker = [
  ...staff,
  { role: 'community_staff' as const, via: 'scope' as const },
  { role: 'grid_worker' as const, via: 'scope' as const },
];

/** Every transition of the case lifecycle. Server, console and mobile pages all read this one table. */
export const CASE_TRANSITIONS = [
  {
    action: 'verify',
    visibility: 'public',
    text: 'staff',
    from: ['reported'],
    to: 'verifying',
    who: staff,
    zh: '派核实',
    en: 'Send for on-site check',
  },
  {
    action: 'file',
    visibility: 'public',
    text: 'staff',
    from: ['reported', 'verifying'],
    to: 'filed',
    who: [...staff, { role: 'grid_worker', via: 'scope' }],
    zh: '立案',
    en: 'File',
  },
  {
    action: 'reject',
    visibility: 'public',
    text: 'staff',
    from: ['reported', 'verifying'],
    to: 'rejected',
    who: [...staff, { role: 'grid_worker', via: 'scope' }],
    zh: '不予立案',
    en: 'Reject',
  },
  {
    action: 'merge',
    visibility: 'public',
    text: 'none',
    from: ['reported', 'verifying', 'filed'],
    to: 'rejected',
    who: staff,
    zh: '合并',
    en: 'Merge as duplicate',
  },
  {
    action: 'dispatch',
    visibility: 'public',
    text: 'staff',
    from: ['filed'],
    to: 'dispatched',
    who: staff,
    zh: '派遣',
    en: 'Dispatch',
  },
  {
    action: 'sign',
    visibility: 'internal',
    text: 'none',
    from: ['dispatched'],
    to: 'same',
    who: unit,
    zh: '签收',
    en: 'Sign for',
  },
  {
    action: 'return',
    visibility: 'internal',
    text: 'staff',
    from: ['dispatched'],
    to: 'filed',
    who: unit,
    zh: '回退',
    en: 'Return',
  },
  {
    action: 'request_extension',
    visibility: 'internal',
    text: 'staff',
    from: ['dispatched'],
    to: 'same',
    who: unit,
    zh: '申请延期',
    en: 'Request extension',
  },
  {
    action: 'approve_extension',
    visibility: 'internal',
    text: 'staff',
    from: ['dispatched'],
    to: 'same',
    who: staff,
    zh: '批准延期',
    en: 'Approve extension',
  },
  {
    action: 'deny_extension',
    visibility: 'internal',
    text: 'staff',
    from: ['dispatched'],
    to: 'same',
    who: staff,
    zh: '驳回延期',
    en: 'Deny extension',
  },
  {
    action: 'whistle',
    visibility: 'internal',
    text: 'staff',
    from: ['dispatched'],
    to: 'same',
    who: staff,
    zh: '吹哨',
    en: 'Call in co-handling units',
  },
  {
    action: 'report_in',
    visibility: 'internal',
    text: 'none',
    from: ['dispatched'],
    to: 'same',
    who: [{ role: 'unit_handler', via: 'co_unit' }],
    zh: '报到',
    en: 'Report in',
  },
  {
    action: 'supervise',
    visibility: 'internal',
    text: 'staff',
    from: ['filed', 'dispatched', 'pending_check', 'suspended'],
    to: 'same',
    who: [...staff, { role: 'leader', via: 'scope' }],
    zh: '督办',
    en: 'Supervise',
  },
  {
    action: 'feedback',
    visibility: 'public',
    text: 'staff',
    from: ['dispatched'],
    to: 'pending_check',
    who: unit,
    zh: '处置反馈',
    en: 'Report done',
  },
  {
    action: 'check_pass',
    visibility: 'internal',
    text: 'staff',
    from: ['pending_check'],
    to: 'same',
    who: checker,
    zh: '核查通过',
    en: 'Check passed',
  },
  {
    action: 'check_fail',
    visibility: 'public',
    text: 'staff',
    from: ['pending_check'],
    to: 'dispatched',
    who: checker,
    zh: '核查不通过',
    en: 'Check failed',
  },
  {
    action: 'close',
    visibility: 'public',
    text: 'staff',
    from: ['pending_check'],
    to: 'closed',
    who: staff,
    zh: '结案',
    en: 'Close',
  },
  {
    action: 'rate',
    visibility: 'public',
    text: 'resident',
    from: ['closed'],
    to: 'same',
    who: [{ role: 'resident', via: 'reporter' }],
    zh: '评价',
    en: 'Rate',
  },
  {
    action: 'reopen',
    visibility: 'public',
    text: 'resident',
    from: ['closed'],
    to: 'dispatched',
    who: [{ role: 'resident', via: 'reporter' }],
    zh: '发回重办',
    en: 'Reopen',
  },
  {
    action: 'suspend',
    visibility: 'internal',
    text: 'staff',
    from: ['reported', 'verifying', 'filed', 'dispatched', 'pending_check'],
    to: 'suspended',
    who: staff,
    zh: '挂账',
    en: 'Suspend',
  },
  {
    action: 'resume',
    visibility: 'internal',
    text: 'none',
    from: ['suspended'],
    to: 'resume',
    who: staff,
    zh: '恢复',
    en: 'Resume',
  },
  {
    action: 'fix_on_spot',
    visibility: 'public',
    text: 'staff',
    from: ['reported'],
    to: 'closed',
    who: [{ role: 'grid_worker', via: 'scope' }],
    zh: '立行立改',
    en: 'Fixed on the spot',
  },
  {
    action: 'reassign',
    visibility: 'public',
    text: 'staff',
    from: ['dispatched'],
    to: 'same',
    who: staff,
    zh: '改派',
    en: 'Reassign',
  },
  {
    action: 'recall',
    visibility: 'internal',
    text: 'staff',
    from: ['dispatched'],
    to: 'filed',
    who: staff,
    zh: '撤回',
    en: 'Recall',
  },
  {
    action: 'override_deadline',
    visibility: 'internal',
    text: 'staff',
    from: ['dispatched', 'pending_check'],
    to: 'same',
    who: staff,
    zh: '调整期限',
    en: 'Change deadline',
  },
  {
    action: 'refer',
    visibility: 'public',
    text: 'staff',
    from: ['reported', 'verifying', 'filed'],
    to: 'rejected',
    who: staff,
    zh: '转办',
    en: 'Refer elsewhere',
  },
] as const satisfies readonly (Omit<CaseTransition, 'action'> & { action: string })[];

export type CaseAction = (typeof CASE_TRANSITIONS)[number]['action'];

/** The transition row for an action. */
export function transitionOf(action: CaseAction): CaseTransition {
  return CASE_TRANSITIONS.find((t) => t.action === action) as CaseTransition;
}

/** The state a transition leads to from `state` (resolving 'same' and 'resume'). */
export function targetState(t: CaseTransition, state: CaseState, suspendedFrom: CaseState | null): CaseState {
  if (t.to === 'same') return state;
  if (t.to === 'resume') return suspendedFrom ?? 'reported';
  return t.to;
}

/** The actions a caller with these role/relation pairs may fire on a case in this state. */
export function allowedActions(
  state: CaseState,
  holds: readonly { role: Role; via: CaseRelation }[],
): CaseAction[] {
  return CASE_TRANSITIONS.filter(
    (t) =>
      (t.from as readonly CaseState[]).includes(state) &&
      t.who.some((w) => holds.some((h) => h.role === w.role && h.via === w.via)),
  ).map((t) => t.action);
}

/** Where a case came from (PRODUCT §3); one list for intake, filters and the console. */
export const CASE_SOURCES = [
  'grid_patrol',
  'resident',
  'visit',
  'morning_inspection',
  'undercover',
  'supervision',
  'mock_evaluation',
  'hotline',
  'leader',
  'media',
  'device',
  'api',
] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** Each source in words, one wording for the case page, the lists and the printed ledger (台账). */
export const CASE_SOURCE_LABELS: Record<CaseSource, { zh: string; en: string }> = {
  grid_patrol: { zh: '网格员巡查', en: 'Grid patrol' },
  resident: { zh: '群众上报', en: 'Resident report' },
  visit: { zh: '入户走访', en: 'Household visit' },
  morning_inspection: { zh: '晨查', en: 'Morning inspection' },
  undercover: { zh: '暗访', en: 'Undercover inspection' },
  supervision: { zh: '督查', en: 'Supervision check' },
  mock_evaluation: { zh: '模拟测评', en: 'Mock evaluation' },
  hotline: { zh: '12345 热线', en: '12345 hotline' },
  leader: { zh: '领导交办', en: 'Leader’s assignment' },
  media: { zh: '媒体曝光', en: 'Media' },
  device: { zh: '设备告警', en: 'Device alarm' },
  api: { zh: '接口接入', en: 'API' },
};

/** The source labels of one language, keyed by source (for the i18n resources). */
export const caseSourceWords = (lang: 'zh' | 'en') =>
  Object.fromEntries(CASE_SOURCES.map((s) => [s, CASE_SOURCE_LABELS[s][lang]])) as Record<CaseSource, string>;

/**
 * Which roles may report through which channel (the server checks it at intake; the console offers a staff
 * member only their own channels); anyone (even without an account) may report as a resident.
 * The API channel is for API clients besides: an Open311 key, or one of these roles with a bearer token.
 */
export const CHANNEL_ROLES: Record<CaseSource, readonly Role[] | 'anyone'> = {
  resident: 'anyone',
  api: ['integration', 'district_admin', 'dispatcher'],
  grid_patrol: ['grid_worker', 'community_staff'],
  visit: ['grid_worker', 'community_staff'],
  morning_inspection: ['leader', 'district_admin', 'street_staff', 'dispatcher', 'inspector'],
  undercover: ['leader', 'district_admin', 'dispatcher', 'inspector'],
  supervision: ['leader', 'district_admin', 'dispatcher', 'street_staff', 'inspector'],
  mock_evaluation: ['leader', 'district_admin', 'dispatcher', 'inspector'],
  hotline: ['dispatcher', 'district_admin', 'street_staff', 'integration'],
  leader: ['leader', 'district_admin'],
  media: ['dispatcher', 'district_admin'],
  device: ['dispatcher', 'district_admin', 'grid_worker', 'integration'],
};
