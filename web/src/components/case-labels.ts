import {
  CASE_STATE_LABELS,
  CASE_TRANSITIONS,
  type CaseAction,
  type CaseState,
  caseStateLabel,
  SYSTEM_EVENTS,
} from '@civicgrid/shared';
import type { TFunction } from 'i18next';

const isEn = (lang: string) => lang === 'en-US';

/** A case state's name in the UI language (from the shared table). */
export function stateLabel(state: CaseState, lang: string, checkPassed = false): string {
  if (!CASE_STATE_LABELS[state]) return state;
  return caseStateLabel(state, checkPassed, isEn(lang) ? 'en' : 'zh');
}

/** A transition's button label in the UI language (from the shared table). */
export function transitionLabel(action: CaseAction, lang: string): string {
  const row = CASE_TRANSITIONS.find((tr) => tr.action === action);
  return row ? (isEn(lang) ? row.en : row.zh) : action;
}

/**
 * The label of a timeline event or notification: transitions come from the shared table, the other events
 * (report, escalate, comment) from the console's own strings.
 */
export function eventLabel(action: string, t: TFunction, lang: string): string {
  const row = CASE_TRANSITIONS.find((tr) => tr.action === action);
  if (row) return isEn(lang) ? row.en : row.zh;
  // system events without a console label of their own (e.g. an Open311 follow-up) use the shared table's
  const system = SYSTEM_EVENTS.find((e) => e.action === action);
  const fallback = system ? (isEn(lang) ? system.en : system.zh) : action;
  return t(`caseEvents.${action}`, { defaultValue: fallback });
}

/** A category's name in the UI language. */
export function categoryName(
  row: { categoryCode: string; categoryNameZh: string | null; categoryNameEn: string | null },
  lang: string,
): string {
  const name = isEn(lang) ? (row.categoryNameEn ?? row.categoryNameZh) : row.categoryNameZh;
  return name ?? row.categoryCode;
}
