import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../components/page.tsx';
import { RequireGridWorker } from '../components/require-grid-worker.tsx';
import { ReportForm } from '../report/report-form.tsx';

/** /m/patrol: a grid worker reports what they found on patrol, and may close it on the spot (立行立改). */
export default function PatrolPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('report.patrolTitle')} back="/tasks" testId="patrol-page">
      <RequireGridWorker>
        <ReportForm
          source="grid_patrol"
          afterSent={(result) => (
            <div className="m-card m-fix-now">
              <p className="m-hint">{t('report.fixNowHint')}</p>
              <Link
                className="m-btn m-btn-primary m-btn-block"
                to={`/tasks/${result.id}?fix=1`}
                data-testid="patrol-fix-now"
              >
                {t('report.fixNow')}
              </Link>
              <Link className="m-btn m-btn-block" to={`/tasks/${result.id}`}>
                {t('report.openTask')}
              </Link>
            </div>
          )}
        />
      </RequireGridWorker>
    </Page>
  );
}
