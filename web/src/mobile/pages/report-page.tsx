import { useTranslation } from 'react-i18next';
import { Page } from '../components/page.tsx';
import { PendingList } from '../report/pending-list.tsx';
import { ReportForm } from '../report/report-form.tsx';

/** /m/report: a resident reports a problem (随手拍), with or without an account. */
export default function ReportPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('report.title')} back="/" testId="report-page">
      <PendingList />
      <ReportForm source="resident" />
    </Page>
  );
}
