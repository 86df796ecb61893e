import { CASE_STATE_LABELS, CASE_TRANSITIONS, type CaseState } from '@civicgrid/shared';

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

/** What a webhook message says about one case event. */
export interface CaseEventMessage {
  caseId: number;
  trackingCode: string;
  categoryCode: string;
  categoryName: string;
  action: string;
  toState: string;
  address: string | null;
  at: Date;
  reason: string | null;
}

/** The link of a case in the console: absolute under the public URL when one is configured, else a path. */
export function caseLink(caseId: number, publicUrl: string | null = null): string {
  return `${publicUrl ?? ''}/cases/${caseId}`;
}

/** A one-line title for robot messages: 案件 <tracking code> <action>. */
export function messageTitle(m: CaseEventMessage): string {
  return `案件 ${m.trackingCode} ${actionLabel(m.action)}`;
}

/** The Markdown text of a robot message (WeCom and DingTalk render the same subset). */
export function messageMarkdown(m: CaseEventMessage, publicUrl: string | null = null): string {
  const at = m.at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return [
    `### ${messageTitle(m)}`,
    `> 类别：${m.categoryName}（${m.categoryCode}）`,
    `> 状态：${stateLabel(m.toState)}`,
    ...(m.address ? [`> 地址：${m.address}`] : []),
    ...(m.reason ? [`> 说明：${m.reason}`] : []),
    `> 时间：${at}`,
    '',
    `[查看案件](${caseLink(m.caseId, publicUrl)})`,
  ].join('\n');
}
