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
  zh: string;
  en: string;
}

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
    from: ['reported'],
    to: 'verifying',
    who: staff,
    zh: '派核实',
    en: 'Send for on-site check',
  },
  {
    action: 'file',
    from: ['reported', 'verifying'],
    to: 'filed',
    who: [...staff, { role: 'grid_worker', via: 'scope' }],
    zh: '立案',
    en: 'File',
  },
  {
    action: 'reject',
    from: ['reported', 'verifying'],
    to: 'rejected',
    who: [...staff, { role: 'grid_worker', via: 'scope' }],
    zh: '不予立案',
    en: 'Reject',
  },
  {
    action: 'merge',
    from: ['reported', 'verifying', 'filed'],
    to: 'rejected',
    who: staff,
    zh: '合并',
    en: 'Merge as duplicate',
  },
  { action: 'dispatch', from: ['filed'], to: 'dispatched', who: staff, zh: '派遣', en: 'Dispatch' },
  { action: 'sign', from: ['dispatched'], to: 'same', who: unit, zh: '签收', en: 'Sign for' },
  { action: 'return', from: ['dispatched'], to: 'filed', who: unit, zh: '回退', en: 'Return' },
  {
    action: 'request_extension',
    from: ['dispatched'],
    to: 'same',
    who: unit,
    zh: '申请延期',
    en: 'Request extension',
  },
  {
    action: 'approve_extension',
    from: ['dispatched'],
    to: 'same',
    who: staff,
    zh: '批准延期',
    en: 'Approve extension',
  },
  {
    action: 'deny_extension',
    from: ['dispatched'],
    to: 'same',
    who: staff,
    zh: '驳回延期',
    en: 'Deny extension',
  },
  {
    action: 'whistle',
    from: ['dispatched'],
    to: 'same',
    who: staff,
    zh: '吹哨',
    en: 'Call in co-handling units',
  },
  {
    action: 'report_in',
    from: ['dispatched'],
    to: 'same',
    who: [{ role: 'unit_handler', via: 'co_unit' }],
    zh: '报到',
    en: 'Report in',
  },
  {
    action: 'supervise',
    from: ['filed', 'dispatched', 'pending_check', 'suspended'],
    to: 'same',
    who: [...staff, { role: 'leader', via: 'scope' }],
    zh: '督办',
    en: 'Supervise',
  },
  {
    action: 'feedback',
    from: ['dispatched'],
    to: 'pending_check',
    who: unit,
    zh: '处置反馈',
    en: 'Report done',
  },
  {
    action: 'check_pass',
    from: ['pending_check'],
    to: 'same',
    who: checker,
    zh: '核查通过',
    en: 'Check passed',
  },
  {
    action: 'check_fail',
    from: ['pending_check'],
    to: 'dispatched',
    who: checker,
    zh: '核查不通过',
    en: 'Check failed',
  },
  { action: 'close', from: ['pending_check'], to: 'closed', who: staff, zh: '结案', en: 'Close' },
  {
    action: 'rate',
    from: ['closed'],
    to: 'same',
    who: [{ role: 'resident', via: 'reporter' }],
    zh: '评价',
    en: 'Rate',
  },
  {
    action: 'reopen',
    from: ['closed'],
    to: 'dispatched',
    who: [{ role: 'resident', via: 'reporter' }],
    zh: '发回重办',
    en: 'Reopen',
  },
  {
    action: 'suspend',
    from: ['reported', 'verifying', 'filed', 'dispatched', 'pending_check'],
    to: 'suspended',
    who: staff,
    zh: '挂账',
    en: 'Suspend',
  },
  { action: 'resume', from: ['suspended'], to: 'resume', who: staff, zh: '恢复', en: 'Resume' },
  {
    action: 'fix_on_spot',
    from: ['reported'],
    to: 'closed',
    who: [{ role: 'grid_worker', via: 'scope' }],
    zh: '立行立改',
    en: 'Fixed on the spot',
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

/**
 * Sources whose cases are never public (PRODUCT §8): 暗访, 督查, 模拟测评, leaders' assignments and device
 * alerts. Residents, followers and public feeds never see them, not even as a duplicate suggestion.
 */
export const INTERNAL_CASE_SOURCES: readonly CaseSource[] = [
  'undercover',
  'supervision',
  'mock_evaluation',
  'leader',
  'device',
];
