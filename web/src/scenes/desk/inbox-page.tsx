import './desk.css';
import type { CaseAction } from '@civicgrid/shared';
import { Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/case-types.ts';
import { useCasePages } from '../../api/cases.ts';
import { ActionModal } from '../cases/action-modal.tsx';
import { CaseTable } from './case-table.tsx';
import { DeskFilters } from './desk-filters.tsx';
import { InboxRowActions } from './inbox-row-actions.tsx';
import { QueueTabs } from './queue-tabs.tsx';
import { INBOX_QUEUES } from './queues.ts';
import { useListParams } from './use-list-params.ts';

/** A responsible unit's inbox: its cases by queue, with 签收/反馈/延期/回退 straight from the row. */
export function InboxPage() {
  const { t } = useTranslation();
  const list = useListParams(INBOX_QUEUES);
  const pages = useCasePages(list.filters, 20);
  const [acting, setActing] = useState<{ action: CaseAction; caseData: CaseDetail } | null>(null);

  return (
    <div className="page desk-page" data-testid="inbox-page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('inbox.title')}
        </Typography.Title>
      </div>
      <QueueTabs
        queues={INBOX_QUEUES}
        active={list.queue.key}
        filters={list.common}
        ready={!pages.isPending}
        onChange={list.setQueue}
      />
      <DeskFilters values={list.values} onChange={list.setValues} showSource={false} />
      <CaseTable
        pages={pages}
        testId="inbox-table"
        showState={list.queue.key === 'overdue'}
        actions={(row) => (
          <InboxRowActions row={row} onPick={(action, caseData) => setActing({ action, caseData })} />
        )}
      />
      {acting && (
        <ActionModal caseData={acting.caseData} action={acting.action} onClose={() => setActing(null)} />
      )}
    </div>
  );
}
