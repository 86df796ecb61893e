import { CASE_STATE_LABELS, CASE_TRANSITIONS, type CaseState, publicStepLine } from '@civicgrid/shared';

// events that are not transitions of the shared table but still reach people
const EXTRA_LABELS: Record<string, string> = {
  report: '新上报',
  escalate: '超期升级',
  report_in_overdue: '协办单位超时未报到',
  comment: '备注',
};

/** The Chinese label of a case event's action (立案, 派遣, 新上报 …), or the action itself when unknown. */
export function actionLabel(action: string): string {
  return EXTRA_LABELS[action] ?? CASE_TRANSITIONS.find((t) => t.action === action)?.zh ?? action;
}

/** The Chinese label of a case state, or the state itself when unknown. */
export function stateLabel(state: string): string {
  return CASE_STATE_LABELS[state as CaseState]?.zh ?? state;
}

/** The default notification body: what happened and where the case now stands. */
export function eventSummary(action: string, toState: string): string {
  return `${actionLabel(action)} · 当前状态：${stateLabel(toState)}`;
}

/**
 * What followers (and their personal hooks) are told of a public step: the step as the tracking page words
 * it, its note only when published, and the new state. Built from a public event (public-queries.ts).
 */
export function publicEventSummary(e: {
  action: string;
  toState: string;
  data: Record<string, unknown>;
  reason: string | null;
}): string {
  const line = publicStepLine({ action: e.action, data: e.data, note: e.reason }, 'zh');
  return `${line} · 当前状态：${stateLabel(e.toState)}`;
}

/**
 * What a webhook message says about one case event. `staff` messages (hooks of a unit or an org area, which
 * administrators create) carry the whole step with its note; `public` messages (personal hooks) only what the
 * tracking page shows. Neither carries the tracking code or anyone's personal data.
 */
export interface CaseEventMessage {
  audience: 'staff' | 'public';
  caseId: number;
  categoryCode: string;
  categoryName: string;
  action: string;
  fromState: string | null;
  toState: string;
  address: string | null;
  at: Date;
  /** staff: the step's note; public: the note only when its author published it */
  reason: string | null;
  /** public: the step as the tracking page words it */
  step: string | null;
  /** staff only */
  urgency: string | null;
  orgCode: string | null;
  /** staff only: the 12345 ticket, the unit handling the case, and where a 转办 sent it (the hotline format) */
  externalRef?: string | null;
  unitName?: string | null;
  referredTo?: string | null;
}

/** The link of a case in the console: absolute under the public URL when one is configured, else a path. */
export function caseLink(caseId: number, publicUrl: string | null = null): string {
  return `${publicUrl ?? ''}/cases/${caseId}`;
}

/** A one-line title: 案件 <case number> <action> for staff, <category>：<public step> for the public. */
export function messageTitle(m: CaseEventMessage): string {
  if (m.audience === 'public') return `${m.categoryName}：${m.step ?? stateLabel(m.toState)}`;
  return `案件 ${m.caseId} ${actionLabel(m.action)}`;
}

/** The Markdown text of a robot message (WeCom and DingTalk render the same subset). */
export function messageMarkdown(m: CaseEventMessage, publicUrl: string | null = null): string {
  const at = m.at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const staff = m.audience === 'staff';
  return [
    `### ${messageTitle(m)}`,
    ...(staff ? [`> 类别：${m.categoryName}（${m.categoryCode}）`] : []),
    `> 状态：${stateLabel(m.toState)}`,
    ...(m.address ? [`> 地址：${m.address}`] : []),
    ...(m.reason ? [`> 说明：${m.reason}`] : []),
    `> 时间：${at}`,
    // the console link is for staff; the public learn more on the tracking page they already use
    ...(staff ? ['', `[查看案件](${caseLink(m.caseId, publicUrl)})`] : []),
  ].join('\n');
}
