import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../i18n/index.ts';
import type { CaseListRow } from '../types.ts';

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
          <span className={`m-badge m-state-${row.state}`}>{t(`state.${row.state}`)}</span>
        </span>
        <span className="m-task-desc">{row.description}</span>
        <span className="m-meta">
          {t('caseNumber', { id: row.id })} · {formatDateTime(row.reportedAt)}
          {row.address ? ` · ${row.address}` : ''}
        </span>
        {row.deadlineAt && (
          <span className="m-meta">{t('tasks.deadline', { date: formatDateTime(row.deadlineAt) })}</span>
        )}
      </Link>
    </li>
  );
}
