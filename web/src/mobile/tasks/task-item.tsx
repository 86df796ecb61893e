import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../i18n/index.ts';
import type { CaseListRow } from '../types.ts';

type T = ReturnType<typeof useTranslation>['t'];

/** The state as a grid worker reads it: a passed check waits for 结案 (待结案), not for another check. */
export function stateText(c: { state: CaseListRow['state']; checkPassed: boolean }, t: T): string {
  return c.state === 'pending_check' && c.checkPassed ? t('stateCheckPassed') : t(`state.${c.state}`);
}

/**
 * The deadline of the step the grid worker owns: the on-site check (核实/核查) runs to the stage deadline,
 * not to the unit's disposal deadline; other cases show the unit's deadline.
 */
export function MyDeadline({
  row,
  ownOnly = false,
}: {
  row: Pick<CaseListRow, 'state' | 'checkPassed' | 'deadlineAt' | 'stageDeadlineAt'>;
  /** show nothing unless the grid worker owns the running step (the page lists the unit's deadline apart) */
  ownOnly?: boolean;
}) {
  const { t } = useTranslation();
  const own =
    (row.state === 'pending_check' && !row.checkPassed) || row.state === 'verifying'
      ? row.stageDeadlineAt
      : null;
  if (own) {
    const label = row.state === 'verifying' ? t('myStep.verify') : t('myStep.check');
    return (
      <span className="m-meta m-meta-strong" data-testid="my-deadline">
        {label}
        {formatDateTime(own)}
      </span>
    );
  }
  if (!row.deadlineAt || ownOnly) return null;
  return <span className="m-meta">{t('tasks.deadline', { date: formatDateTime(row.deadlineAt) })}</span>;
}

/** One case in a task list: kind, state, traffic light, description, place and deadline. */
export function TaskItem({ row }: { row: CaseListRow }) {
  const { t, i18n } = useTranslation();
  const category = (i18n.language === 'en-US' ? row.categoryNameEn : row.categoryNameZh) ?? row.categoryCode;
  return (
    <li>
      <Link className="m-card m-card-link m-task" to={`/tasks/${row.id}`} data-testid="task-item">
        <span className="m-row-between">
          <span className="m-card-title">
            {row.light && (
              <span
                className={`m-light m-light-${row.light}`}
                role="img"
                aria-label={t(`tasks.light.${row.light}`)}
              />
            )}
            {category}
          </span>
          <span className="m-badges">
            {row.rework > 0 && (
              <span className="m-badge m-badge-rework" data-testid="task-rework">
                {t('rework')}
              </span>
            )}
            <span className={`m-badge m-state-${row.state}`}>{stateText(row, t)}</span>
          </span>
        </span>
        <span className="m-task-desc">{row.description}</span>
        <span className="m-meta">
          {t('caseNumber', { id: row.id })} · {formatDateTime(row.reportedAt)}
          {row.address ? ` · ${row.address}` : ''}
        </span>
        <MyDeadline row={row} />
      </Link>
    </li>
  );
}
