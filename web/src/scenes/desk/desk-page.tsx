import './desk.css';
import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListRow } from '../../api/case-types.ts';
import { ledgerUrl, useCasePages } from '../../api/cases.ts';
import { useMe } from '../../api/queries.ts';
import { DESK_ROLES, hasAnyRole, rolesOf } from '../../components/user-roles.ts';
import { BulkDispatchModal } from './bulk-dispatch-modal.tsx';
import { CaseTable } from './case-table.tsx';
import { DeskFilters } from './desk-filters.tsx';
import { QueueTabs } from './queue-tabs.tsx';
import { DESK_QUEUES } from './queues.ts';
import { SavedFilters } from './saved-filters.tsx';
import { SearchFilters } from './search-filters.tsx';
import { useListParams } from './use-list-params.ts';

/**
 * The dispatcher desk: queues from 待受理 to 超期 with counts, filters, the case table, bulk dispatch of
 * filed cases and the Excel ledger of the current list.
 */
export function DeskPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canDispatch = hasAnyRole(rolesOf(me.data), DESK_ROLES);
  // Grid workers and community staff use the desk to find the fixes they must check.
  const list = useListParams(DESK_QUEUES, canDispatch ? undefined : 'pending_check');
  const pages = useCasePages(list.filters);
  const [selected, setSelected] = useState<CaseListRow[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const bulk = canDispatch && list.queue.key === 'filed';
  const { sort: _s, order: _o, ...exportFilters } = list.filters;

  return (
    <div className="page desk-page" data-testid="desk-page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('desk.title')}
        </Typography.Title>
        <div className="page-head-tools">
          {bulk && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={selected.length === 0}
              onClick={() => setBulkOpen(true)}
              data-testid="bulk-dispatch"
            >
              {t('bulk.button', { count: selected.length })}
            </Button>
          )}
          <Button
            icon={<DownloadOutlined />}
            href={ledgerUrl(exportFilters)}
            download
            data-testid="export-ledger"
          >
            {t('desk.export')}
          </Button>
        </div>
      </div>
      <QueueTabs
        queues={DESK_QUEUES}
        active={list.queue.key}
        filters={list.common}
        ready={!pages.isPending}
        onChange={(key) => {
          setSelected([]);
          list.setQueue(key);
        }}
      />
      <DeskFilters values={list.values} onChange={list.setValues}>
        {canDispatch && <SearchFilters values={list.values} onChange={list.setValues} />}
        {canDispatch && <SavedFilters />}
      </DeskFilters>
      <CaseTable
        pages={pages}
        testId="desk-table"
        showState={list.queue.key === 'overdue' || list.queue.key === 'all'}
        rowSelection={
          bulk
            ? {
                selectedRowKeys: selected.map((r) => r.id),
                onChange: (_keys, rows) => setSelected(rows),
                getCheckboxProps: (r) => ({ 'aria-label': t('case.number', { id: r.id }) }) as object,
              }
            : undefined
        }
      />
      {bulkOpen && (
        <BulkDispatchModal
          cases={selected}
          onClose={(dispatchedIds) => {
            setBulkOpen(false);
            setSelected((prev) => prev.filter((r) => !dispatchedIds.includes(r.id)));
          }}
        />
      )}
    </div>
  );
}
