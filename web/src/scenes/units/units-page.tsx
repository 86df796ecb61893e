import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { UnitDetail } from '../../api/case-types.ts';
import { useOrgTree } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useAllCategories } from '../categories/categories-api.ts';
import { UnitFormModal } from './unit-form-modal.tsx';
import { useUnitDetails } from './units-api.ts';

type Editing = { mode: 'create' } | { mode: 'edit'; unit: UnitDetail } | null;

/** Responsible units (责任单位) with the categories and streets they handle; administrators edit them here. */
export function UnitsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const units = useUnitDetails();
  const categories = useAllCategories();
  const tree = useOrgTree();
  const [editing, setEditing] = useState<Editing>(null);
  const zh = i18n.language.startsWith('zh');
  const streets = useMemo(() => (tree.data ?? []).filter((n) => n.level === 'street'), [tree.data]);
  const streetName = useMemo(
    () => new Map(streets.map((s) => [s.id, zh ? s.name : (s.nameEn ?? s.name)])),
    [streets, zh],
  );
  const categoryName = useMemo(
    () => new Map((categories.data ?? []).map((c) => [c.code, zh ? c.nameZh : c.nameEn])),
    [categories.data, zh],
  );

  const columns: TableColumnsType<UnitDetail> = [
    {
      title: t('admin.units.name'),
      dataIndex: 'name',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: t('admin.units.type'),
      dataIndex: 'type',
      responsive: ['md'],
      render: (v: string) => t(`admin.units.types.${v}`, { defaultValue: v }),
    },
    {
      title: t('admin.units.phone'),
      dataIndex: 'phone',
      responsive: ['lg'],
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('admin.units.categories'),
      dataIndex: 'categories',
      render: (codes: string[]) =>
        codes.length ? (
          <Space size={[4, 4]} wrap>
            {codes.map((c) => (
              <Tag key={c}>{`${c} ${categoryName.get(c) ?? ''}`}</Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('admin.units.streets'),
      dataIndex: 'streetIds',
      responsive: ['sm'],
      render: (ids: number[]) =>
        ids.length ? ids.map((id) => streetName.get(id) ?? id).join('、') : t('admin.units.allStreets'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) => (
        <Button
          size="small"
          onClick={() => setEditing({ mode: 'edit', unit: u })}
          data-testid={`unit-edit-${u.code}`}
        >
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('admin.units.title')}
        </Typography.Title>
        <div className="page-head-tools">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ mode: 'create' })}
            data-testid="unit-create"
          >
            {t('admin.units.create')}
          </Button>
        </div>
      </div>
      <Typography.Paragraph type="secondary">
        {t('admin.units.intro')} <Link to="/users">{t('admin.units.handlersLink')}</Link>
      </Typography.Paragraph>
      {units.isError && <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />}
      <Table<UnitDetail>
        rowKey="id"
        data-testid="units-table"
        columns={columns}
        dataSource={units.data ?? []}
        loading={units.isPending}
        pagination={false}
        size="middle"
        locale={{ emptyText: t('common.empty') }}
        scroll={{ x: 'max-content' }}
      />
      {editing && (
        <UnitFormModal
          unit={editing.mode === 'edit' ? editing.unit : null}
          categories={categories.data ?? []}
          streets={streets}
          onClose={() => setEditing(null)}
          onSaved={() => {
            void message.success(t('common.saved'));
            void client.invalidateQueries({ queryKey: ['units'] });
          }}
        />
      )}
    </div>
  );
}
