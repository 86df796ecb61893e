import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/queries.ts';
import type { User } from '../../api/types.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { grantLabel } from '../../components/role-label.ts';
import { useDebounced } from '../../components/use-debounced.ts';
import { GrantsDrawer } from './grants-drawer.tsx';
import { UserFormModal } from './user-form-modal.tsx';
import { USERS_KEY, useUserPages } from './users-api.ts';

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

/** The user list with search, paging, create/edit and grant management for administrators. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canManage = useMe().data?.can['user.manage'] ?? false;
  const [q, setQ] = useState('');
  const pages = useUserPages(useDebounced(q.trim()));
  const [editing, setEditing] = useState<Editing>(null);
  const [grantsUser, setGrantsUser] = useState<User | null>(null);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.data) ?? [], [pages.data]);

  const refresh = () => void client.invalidateQueries({ queryKey: [USERS_KEY] });

  const columns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    {
      title: t('users.phone'),
      dataIndex: 'phone',
      responsive: ['md'],
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('users.status'),
      dataIndex: 'disabled',
      responsive: ['sm'],
      render: (disabled: boolean) =>
        disabled ? (
          <Tag color="red">{t('users.disabled')}</Tag>
        ) : (
          <Tag color="green">{t('users.active')}</Tag>
        ),
    },
    {
      title: t('users.grants'),
      key: 'grants',
      responsive: ['lg'],
      render: (_, u) =>
        u.grants.length ? (
          <Space size={[4, 4]} wrap>
            {u.grants.map((g) => (
              <Tag key={g.id}>{grantLabel(g, i18n.language)}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('users.noGrants')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) => (
        <Space size={4} wrap>
          {canManage && (
            <Button
              size="small"
              onClick={() => setEditing({ mode: 'edit', user: u })}
              data-testid="user-edit"
            >
              {t('common.edit')}
            </Button>
          )}
          <Button size="small" onClick={() => setGrantsUser(u)} data-testid="user-grants">
            {t('users.manageGrants')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('users.title')}
        </Typography.Title>
        <div className="page-head-tools">
          <Input
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t('users.search')}
            aria-label={t('users.search')}
            data-testid="users-search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            className="users-search"
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ mode: 'create' })}
              data-testid="user-create"
            >
              {t('users.create')}
            </Button>
          )}
        </div>
      </div>
      {pages.isError && <ErrorAlert error={pages.error} onRetry={() => void pages.refetch()} />}
      <Table<User>
        rowKey="id"
        data-testid="users-table"
        columns={columns}
        dataSource={rows}
        loading={pages.isPending}
        pagination={false}
        size="middle"
        locale={{ emptyText: t('common.empty') }}
        scroll={{ x: 'max-content' }}
      />
      <div className="load-more">
        {pages.hasNextPage ? (
          <Button
            onClick={() => void pages.fetchNextPage()}
            loading={pages.isFetchingNextPage}
            data-testid="users-more"
          >
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </div>
      {editing && (
        <UserFormModal
          user={editing.mode === 'edit' ? editing.user : null}
          onClose={() => setEditing(null)}
          onSaved={() => {
            void message.success(editing.mode === 'create' ? t('users.created') : t('common.saved'));
            refresh();
          }}
        />
      )}
      {grantsUser && (
        <GrantsDrawer
          user={grantsUser}
          canManage={canManage}
          onClose={() => setGrantsUser(null)}
          onChanged={(u) => {
            setGrantsUser(u);
            refresh();
          }}
        />
      )}
    </div>
  );
}
