import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { Button, Table, type TableColumnsType, type TableProps, Typography } from 'antd';
import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { CaseListRow } from '../../api/case-types.ts';
import { categoryName } from '../../components/case-labels.ts';
import { CaseStateTag, LightDot, ReworkTag, SupervisionTag } from '../../components/case-tags.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { formatShort } from '../../components/format-time.ts';

type Pages = UseInfiniteQueryResult<InfiniteData<{ data: CaseListRow[]; nextCursor: string | null }>>;

interface Props {
  pages: Pages;
  /** show the state column (lists that mix states) */
  showState?: boolean;
  rowSelection?: TableProps<CaseListRow>['rowSelection'];
  /** an extra last column, e.g. a unit's row actions */
  actions?: (row: CaseListRow) => ReactNode;
  testId: string;
}

/** A case list: light, code, category, address, grid, unit, times, 督办; click a row to open the case. */
export function CaseTable({ pages, showState = false, rowSelection, actions, testId }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const rows = pages.data?.pages.flatMap((p) => p.data) ?? [];
  const columns: TableColumnsType<CaseListRow> = [
    {
      title: <span className="sr-only">{t('case.light')}</span>,
      key: 'light',
      width: 36,
      render: (_, r) => <LightDot light={r.light} />,
    },
    {
      title: t('case.code'),
      dataIndex: 'id',
      render: (id: number, r) => (
        <div className="code-cell">
          <Link to={`/cases/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="case-link">
            {id}
          </Link>
          <Typography.Text type="secondary" className="code-cell-category">
            {categoryName(r, i18n.language)}
          </Typography.Text>
          <ReworkTag count={r.rework} />
        </div>
      ),
    },
    ...(showState
      ? [
          {
            title: t('case.state'),
            key: 'state',
            render: (_: unknown, r: CaseListRow) => (
              <CaseStateTag state={r.state} checkPassed={r.checkPassed} />
            ),
          },
        ]
      : []),
    {
      title: t('case.address'),
      key: 'address',
      responsive: ['md'],
      ellipsis: true,
      render: (_, r) => <span title={r.description}>{r.address ?? r.description}</span>,
    },
    {
      title: t('case.grid'),
      dataIndex: 'gridName',
      responsive: ['lg'],
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('case.unit'),
      dataIndex: 'unitName',
      responsive: ['lg'],
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('case.reportedAt'),
      dataIndex: 'reportedAt',
      responsive: ['sm'],
      render: (v: string) => formatShort(v),
    },
    {
      title: t('case.due'),
      key: 'deadline',
      render: (_, r) => formatShort(r.deadlineAt ?? r.stageDeadlineAt),
    },
    {
      title: t('case.supervision'),
      dataIndex: 'supervision',
      responsive: ['md'],
      render: (v: CaseListRow['supervision']) => <SupervisionTag level={v} />,
    },
    ...(actions
      ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, r: CaseListRow) => actions(r) }]
      : []),
  ];

  return (
    <>
      {pages.isError && <ErrorAlert error={pages.error} onRetry={() => void pages.refetch()} />}
      <Table<CaseListRow>
        rowKey="id"
        data-testid={testId}
        className="case-table"
        columns={columns}
        dataSource={rows}
        loading={pages.isPending || (pages.isFetching && !pages.isFetchingNextPage)}
        pagination={false}
        size="middle"
        rowSelection={rowSelection}
        locale={{ emptyText: pages.isPending ? ' ' : t('desk.empty') }}
        onRow={(r) =>
          ({
            className: 'case-row',
            'data-case-id': r.id,
            onClick: (e: MouseEvent<HTMLElement>) => {
              // Clicks on the checkbox, a link or a row button do their own thing.
              if ((e.target as HTMLElement).closest('.ant-table-selection-column, a, button, .row-actions'))
                return;
              navigate(`/cases/${r.id}`);
            },
          }) as object
        }
      />
      <div className="load-more">
        {pages.hasNextPage ? (
          <Button
            onClick={() => void pages.fetchNextPage()}
            loading={pages.isFetchingNextPage}
            data-testid="cases-more"
          >
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </div>
    </>
  );
}
