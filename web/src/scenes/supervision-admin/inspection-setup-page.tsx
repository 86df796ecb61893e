import { PlusOutlined } from '@ant-design/icons';
import { Button, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type InspectionPoint, useInspectionPoints } from '../../api/inspections.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ChecklistEditor } from './checklist-editor.tsx';
import { PointModal } from './point-modal.tsx';
import { PointTypesTab } from './point-types-tab.tsx';
import './supervision-admin.css';

/** The inspection points of the district as a table, with new and edit. */
function PointsTab() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const points = useInspectionPoints(true);
  const [editing, setEditing] = useState<InspectionPoint | 'new' | null>(null);
  const columns: TableColumnsType<InspectionPoint> = [
    { title: t('supAdmin.name'), dataIndex: 'name' },
    { title: t('supAdmin.type'), key: 'type', render: (_v, p) => (en ? p.typeNameEn : p.typeNameZh) },
    { title: t('supAdmin.grid'), dataIndex: 'gridName' },
    { title: t('supAdmin.leader'), dataIndex: 'leaderName', render: (v: string | null) => v ?? '—' },
    { title: t('supAdmin.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
    {
      title: t('supAdmin.active'),
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) =>
        v ? <Tag color="green">{t('supAdmin.active')}</Tag> : <Tag>{t('supAdmin.inactive')}</Tag>,
    },
    {
      title: '',
      key: 'edit',
      width: 80,
      render: (_v, p) => (
        <Button size="small" onClick={() => setEditing(p)} data-testid={`point-edit-${p.id}`}>
          {t('supAdmin.edit')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setEditing('new')}
        className="setup-new"
        data-testid="point-new"
      >
        {t('supAdmin.newPoint')}
      </Button>
      {points.error && <ErrorAlert error={points.error} />}
      <Table<InspectionPoint>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={points.data ?? []}
        loading={points.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="points-table"
      />
      {editing && <PointModal point={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

/** Inspection points and the point types' checklists, for district administrators. */
export function InspectionSetupPage() {
  const { t } = useTranslation();
  return (
    <div className="page" data-testid="inspection-setup-page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('supAdmin.setupTitle')}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('supAdmin.setupIntro')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'points', label: t('supAdmin.points'), children: <PointsTab /> },
          { key: 'checklists', label: t('supAdmin.checklists'), children: <ChecklistEditor /> },
          { key: 'types', label: t('pointTypes.tab'), children: <PointTypesTab /> },
        ]}
      />
    </div>
  );
}
