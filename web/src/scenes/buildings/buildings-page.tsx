import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { OrgTreeSelect } from '../people/org-tree-select.tsx';
import { BuildingModal } from './building-modal.tsx';
import { type Building, isGridCode, useBuildings } from './buildings-api.ts';
import { HousesPanel } from './houses-panel.tsx';

/** The buildings of a grid and their flats: create and edit buildings, add flats (楼栋与户室). */
export function BuildingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const grid = params.get('grid') ?? undefined;
  const buildings = useBuildings(grid);
  const [editing, setEditing] = useState<Building | 'new' | null>(null);
  const columns: TableColumnsType<Building> = [
    { title: t('bld.name'), dataIndex: 'name' },
    { title: t('bld.address'), dataIndex: 'address' },
    {
      title: `${t('bld.lng')}, ${t('bld.lat')}`,
      key: 'at',
      render: (_v, b) =>
        b.lng !== null && b.lat !== null ? `${b.lng.toFixed(5)}, ${b.lat.toFixed(5)}` : '—',
    },
    { title: t('bld.houses'), key: 'n', render: (_v, b) => t('bld.houseCount', { n: b.houses.length }) },
    {
      title: '',
      key: 'edit',
      width: 80,
      render: (_v, b) => (
        <Button size="small" onClick={() => setEditing(b)} data-testid={`building-edit-${b.id}`}>
          {t('bld.edit')}
        </Button>
      ),
    },
  ];
  return (
    <div className="page" data-testid="buildings-page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('bld.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('bld.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="buildings-grid">{t('bld.grid')}</label>
        <span style={{ display: 'inline-block', width: 280 }}>
          <OrgTreeSelect
            id="buildings-grid"
            value={grid}
            onChange={(code) => setParams({ grid: code })}
            testId="buildings-grid"
          />
        </span>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-testid="building-new"
        >
          {t('bld.newBuilding')}
        </Button>
      </Space>
      {grid && !isGridCode(grid) && <Alert type="info" showIcon title={t('bld.notGrid')} />}
      {buildings.error && <ErrorAlert error={buildings.error} />}
      {isGridCode(grid) && (
        <Table<Building>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={buildings.data ?? []}
          loading={buildings.isPending}
          locale={{ emptyText: t('bld.empty') }}
          expandable={{ expandedRowRender: (b) => <HousesPanel building={b} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="buildings-table"
        />
      )}
      {editing && <BuildingModal building={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
