import './desk.css';
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ledgerUrl, useCasePages } from '../../api/cases.ts';
import { CaseTable } from './case-table.tsx';
import { DeskFilters } from './desk-filters.tsx';
import { QueueTabs } from './queue-tabs.tsx';
import { SUPERVISION_QUEUES } from './queues.ts';
import { useListParams } from './use-list-params.ts';

/** The leader's view: overdue and red-light cases and those under 督办; a case page sets the mark. */
export function SupervisionPage() {
  const { t } = useTranslation();
  const list = useListParams(SUPERVISION_QUEUES);
  const pages = useCasePages(list.filters);
  return (
    <div className="page desk-page" data-testid="supervision-page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('supervisionPage.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('supervisionPage.hint')}</Typography.Text>
        <div className="page-head-tools">
          {/* the ledger (台账) of this list, for leaders as for the desk */}
          <Button href={ledgerUrl(list.filters)} data-testid="export-ledger">
            {t('scores.exportLedger')}
          </Button>
        </div>
      </div>
      <QueueTabs
        queues={SUPERVISION_QUEUES}
        active={list.queue.key}
        filters={list.common}
        ready={!pages.isPending}
        onChange={list.setQueue}
      />
      <DeskFilters values={list.values} onChange={list.setValues} />
      <CaseTable pages={pages} testId="supervision-table" showState />
    </div>
  );
}
