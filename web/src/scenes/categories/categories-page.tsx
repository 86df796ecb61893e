import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import type { Category, TimeLimit } from '@civicgrid/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CATEGORIES_ADMIN_KEY, useAllCategories } from './categories-api.ts';
import { CategoryFormModal } from './category-form-modal.tsx';

type Editing = { mode: 'create' } | { mode: 'edit'; category: Category } | null;

/** "4 工作时" or "2 工作日". */
export function limitText(t: TFunction, limit: TimeLimit | undefined): string {
  if (!limit) return '—';
  return t(`admin.categories.${limit.unit}`, { value: limit.value });
}

/** Categories with their time limits, questions and duplicate radius; administrators edit them here. */
export function CategoriesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const categories = useAllCategories();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const zh = i18n.language.startsWith('zh');

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const all = categories.data ?? [];
    if (!needle) return all;
    return all.filter(
      (c) => c.code.includes(needle) || c.nameZh.includes(needle) || c.nameEn.toLowerCase().includes(needle),
    );
  }, [categories.data, q]);

  const columns: TableColumnsType<Category> = [
    {
      title: t('admin.categories.code'),
      dataIndex: 'code',
      render: (v: string, c) => <Typography.Text strong={!c.parentCode}>{v}</Typography.Text>,
    },
    {
      title: t('admin.categories.name'),
      key: 'name',
      render: (_, c) => <Typography.Text strong={!c.parentCode}>{zh ? c.nameZh : c.nameEn}</Typography.Text>,
    },
    {
      title: t('admin.categories.limits'),
      key: 'limits',
      render: (_, c) =>
        c.parentCode ? (
          <span data-testid={`category-limits-${c.code}`}>
            {[c.limits.normal, c.limits.urgent, c.limits.critical].map((l) => limitText(t, l)).join(' / ')}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('admin.categories.radius'),
      dataIndex: 'duplicateRadiusM',
      responsive: ['md'],
      render: (v: number, c) => (c.parentCode ? t('admin.categories.meters', { value: v }) : '—'),
    },
    {
      title: t('admin.categories.questions'),
      key: 'questions',
      responsive: ['lg'],
      render: (_, c) =>
        c.questions.length
          ? t('admin.categories.count', { count: c.questions.length })
          : t('admin.categories.none'),
    },
    {
      title: t('admin.categories.status'),
      dataIndex: 'active',
      responsive: ['sm'],
      render: (active: boolean) =>
        active ? (
          <Tag color="green">{t('admin.categories.active')}</Tag>
        ) : (
          <Tag>{t('admin.categories.inactive')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => (
        <Button
          size="small"
          onClick={() => setEditing({ mode: 'edit', category: c })}
          data-testid={`category-edit-${c.code}`}
        >
          {t('admin.categories.edit')}
        </Button>
      ),
    },
  ];

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('admin.categories.title')}
        </Typography.Title>
        <div className="page-head-tools">
          <Input
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t('admin.categories.search')}
            aria-label={t('admin.categories.search')}
            data-testid="categories-search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            className="users-search"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ mode: 'create' })}
            data-testid="category-create"
          >
            {t('admin.categories.create')}
          </Button>
        </div>
      </div>
      <Typography.Paragraph type="secondary">{t('admin.categories.intro')}</Typography.Paragraph>
      {categories.isError && (
        <ErrorAlert error={categories.error} onRetry={() => void categories.refetch()} />
      )}
      <Table<Category>
        rowKey="code"
        data-testid="categories-table"
        columns={columns}
        dataSource={rows}
        loading={categories.isPending}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        size="middle"
        locale={{ emptyText: t('common.empty') }}
        scroll={{ x: 'max-content' }}
      />
      {editing && (
        <CategoryFormModal
          category={editing.mode === 'edit' ? editing.category : null}
          parents={(categories.data ?? []).filter((c) => !c.parentCode)}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            void message.success(
              editing.mode === 'create'
                ? t('admin.categories.created', { code: c.code })
                : t('admin.categories.saved'),
            );
            void client.invalidateQueries({ queryKey: ['categories'] });
            void client.invalidateQueries({ queryKey: CATEGORIES_ADMIN_KEY });
          }}
        />
      )}
    </div>
  );
}
