import { Button, Empty, message, Segmented, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { type BulletinKind, type BulletinSummary, useBulletins, useIssueBulletin } from '../../api/scores.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { formatDateTime } from '../../components/format-time.ts';

/** The bulletin archive: every bulletin of the caller's areas, newest first, by kind; administrators issue. */
export function BulletinsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<BulletinKind | 'all'>('all');
  const list = useBulletins(kind === 'all' ? null : kind);
  const me = useMe();
  const admin = me.data?.grants.find((g) => g.role === 'district_admin' && g.scopeLevel === 'district');
  const issue = useIssueBulletin();
  const columns: TableColumnsType<BulletinSummary> = [
    {
      title: t('bulletins.number'),
      dataIndex: 'number',
      render: (n: string, b) => (
        <Link to={`/bulletins/${b.id}`} data-testid="bulletin-link">
          {n}
        </Link>
      ),
    },
    {
      title: t('bulletins.kindLabel'),
      dataIndex: 'kind',
      render: (k: BulletinKind) => t(`bulletins.kind.${k}`),
    },
    { title: t('bulletins.scope'), dataIndex: 'scopeName' },
    {
      title: t('bulletins.period'),
      key: 'period',
      render: (_: unknown, b) => (b.from === b.to ? b.from : `${b.from} ~ ${b.to}`),
    },
    {
      title: t('bulletins.issuedAt'),
      dataIndex: 'issuedAt',
      responsive: ['md'],
      render: (v: string) => formatDateTime(v),
    },
  ];
  return (
    <div className="page bulletins-page" data-testid="bulletins-page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('bulletins.title')}
        </Typography.Title>
        <div className="page-head-tools">
          <Segmented<BulletinKind | 'all'>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: t('bulletins.all') },
              ...(['daily', 'weekly', 'monthly'] as const).map((k) => ({
                value: k,
                label: t(`bulletins.kind.${k}`),
              })),
            ]}
          />
          {admin?.scopeCode && (
            <Space.Compact>
              <Button disabled>{t('bulletins.issueNow')}</Button>
              {(['daily', 'weekly'] as const).map((k) => (
                <Button
                  key={k}
                  loading={issue.isPending}
                  data-testid={`issue-${k}`}
                  onClick={() =>
                    issue.mutate(
                      { org: admin.scopeCode!, kind: k },
                      { onError: (e) => void message.error(errorMessage(e)) },
                    )
                  }
                >
                  {t(`bulletins.kind.${k}`)}
                </Button>
              ))}
            </Space.Compact>
          )}
        </div>
      </div>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Table<BulletinSummary>
        rowKey="id"
        size="small"
        data-testid="bulletins-table"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={t('bulletins.empty')} /> }}
      />
    </div>
  );
}
