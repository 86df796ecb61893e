import { AUDIT_ENTITIES, type AuditEntity, auditActionLabel, auditEntityLabel } from '@civicgrid/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Checkbox, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query, request } from '../../api/client.ts';
import type { AuditEntry, Page } from '../../api/types.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { AuditChanges } from './audit-changes.tsx';
import { REVEAL_ACTION } from './reveal-summary.tsx';

/** The kinds of record the filter offers: every kind the audit log names. */
const ENTITIES = Object.keys(AUDIT_ENTITIES) as AuditEntity[];

/** The audit log, newest first, with an entity filter, "load more" and before/after JSON per row. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [entity, setEntity] = useState<string | undefined>();
  const [onlyReveals, setOnlyReveals] = useState(false);
  const action = onlyReveals ? REVEAL_ACTION : undefined;
  const pages = useInfiniteQuery({
    queryKey: ['audit', entity ?? '', action ?? ''],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) =>
      request<Page<AuditEntry, number>>(
        'GET',
        `/api/audit${query({ entity, action, before: pageParam, limit: 50 })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.data) ?? [], [pages.data]);

  const columns: TableColumnsType<AuditEntry> = [
    // China time like every other page, whatever the browser's zone
    { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      responsive: ['sm'],
      render: (v: string | null) => v ?? t('audit.system'),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (v: string) => (
        <span title={v} className={v === REVEAL_ACTION ? 'audit-reveal' : undefined}>
          {auditActionLabel(v, i18n.language)}
        </span>
      ),
    },
    {
      title: t('audit.entity'),
      dataIndex: 'entity',
      responsive: ['md'],
      render: (v: string) => auditEntityLabel(v, i18n.language),
    },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      responsive: ['lg'],
      // the name where the server knows it, the id beside it for searching
      render: (v: string | null, row) =>
        row.entityName ? (
          <span title={v ?? undefined}>{row.entityName}</span>
        ) : v ? (
          <Typography.Text code>{v}</Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.scope'),
      dataIndex: 'scopeCode',
      responsive: ['lg'],
      render: (v: string | null, row) => row.scopeName ?? v ?? '—',
    },
  ];

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('audit.title')}
        </Typography.Title>
        <div className="page-head-tools">
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            className="audit-filter"
            placeholder={t('audit.filter')}
            aria-label={t('audit.filter')}
            data-testid="audit-entity"
            value={entity}
            onChange={(v) => setEntity(v)}
            options={ENTITIES.map((e) => ({ value: e, label: auditEntityLabel(e, i18n.language) }))}
          />
          <Checkbox
            checked={onlyReveals}
            onChange={(e) => setOnlyReveals(e.target.checked)}
            data-testid="audit-only-reveals"
          >
            {t('personal.audit.onlyReveals')}
          </Checkbox>
        </div>
      </div>
      {pages.isError && <ErrorAlert error={pages.error} onRetry={() => void pages.refetch()} />}
      <Table<AuditEntry>
        rowKey="id"
        data-testid="audit-table"
        columns={columns}
        dataSource={rows}
        loading={pages.isPending}
        pagination={false}
        size="middle"
        locale={{ emptyText: t('common.empty') }}
        // No horizontal scroll: it would size the table to the unwrapped JSON of an expanded row. Columns that
        // do not fit a phone are hidden instead and repeated inside the expanded row.
        expandable={{ expandedRowRender: (row) => <AuditChanges entry={row} /> }}
      />
      <div className="load-more">
        {pages.hasNextPage ? (
          <Button
            onClick={() => void pages.fetchNextPage()}
            loading={pages.isFetchingNextPage}
            data-testid="audit-more"
          >
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </div>
    </div>
  );
}
