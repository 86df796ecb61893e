import type { CaseFilters } from '../../api/case-types.ts';

/** A queue: a tab of a case list with its own fixed filter. */
export interface Queue {
  key: string;
  /** i18n key of the tab title */
  labelKey: string;
  filter: CaseFilters;
}

/** The dispatcher desk's queues, in the order work flows through them. */
export const DESK_QUEUES: readonly Queue[] = [
  { key: 'reported', labelKey: 'desk.queues.reported', filter: { state: 'reported', order: 'asc' } },
  { key: 'verifying', labelKey: 'desk.queues.verifying', filter: { state: 'verifying', order: 'asc' } },
  { key: 'filed', labelKey: 'desk.queues.filed', filter: { state: 'filed', order: 'asc' } },
  {
    key: 'dispatched',
    labelKey: 'desk.queues.dispatched',
    filter: { state: 'dispatched', sort: 'deadline_at', order: 'asc' },
  },
  {
    key: 'pending_check',
    labelKey: 'desk.queues.pending_check',
    filter: { state: 'pending_check', order: 'asc' },
  },
  {
    key: 'overdue',
    labelKey: 'desk.queues.overdue',
    filter: { overdue: true, sort: 'deadline_at', order: 'asc' },
  },
  // 全部: every case of the dispatcher's area in any state, closed and rejected ones included, newest first
  { key: 'all', labelKey: 'search.all', filter: {} },
];

/** A unit's inbox: what it must handle, what waits for the check, what is late, what is done. */
export const INBOX_QUEUES: readonly Queue[] = [
  {
    key: 'dispatched',
    labelKey: 'inbox.queues.dispatched',
    filter: { state: 'dispatched', sort: 'deadline_at', order: 'asc' },
  },
  {
    key: 'overdue',
    labelKey: 'inbox.queues.overdue',
    filter: { overdue: true, sort: 'deadline_at', order: 'asc' },
  },
  { key: 'pending_check', labelKey: 'inbox.queues.pending_check', filter: { state: 'pending_check' } },
  { key: 'closed', labelKey: 'inbox.queues.closed', filter: { state: 'closed' } },
];

/** The leader's view: late cases, red lights and the cases under 督办. */
export const SUPERVISION_QUEUES: readonly Queue[] = [
  {
    key: 'overdue',
    labelKey: 'supervisionPage.queues.overdue',
    filter: { overdue: true, sort: 'deadline_at', order: 'asc' },
  },
  {
    key: 'red',
    labelKey: 'supervisionPage.queues.red',
    filter: { light: 'red', sort: 'deadline_at', order: 'asc' },
  },
  {
    key: 'supervised',
    labelKey: 'supervisionPage.queues.supervised',
    filter: { supervision: 'normal,yellow,red' },
  },
];

/** The queue named in the address, or the first. */
export function pickQueue(queues: readonly Queue[], key: string | null): Queue {
  return queues.find((q) => q.key === key) ?? queues[0]!;
}
