import type { DeviceHealth } from '@civicgrid/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Segmented, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { RevokeButton, ShownOnce } from '../../components/shown-once.tsx';
import { OrgTreeSelect } from '../people/org-tree-select.tsx';
import { type Device, fetchDevices, HEALTH_COLOR, retireDevice } from './care-devices-api.ts';
import { DeviceFormModal } from './care-devices-form.tsx';
import { DeviceRefsDrawer } from './care-devices-refs.tsx';

type HealthFilter = DeviceHealth | 'all';

/**
 * The care device registry of the caller's area: health first (silent devices on top), register a device
 * (its key shown once), edit, retire, and the person references each device recognises.
 */
export function CareDevicesPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const mayManage = useMe().data?.can['device.manage'] ?? false;
  const [health, setHealth] = useState<HealthFilter>('all');
  const [org, setOrg] = useState<string | undefined>();
  const [editing, setEditing] = useState<Device | 'new' | null>(null);
  const [refsOf, setRefsOf] = useState<Device | null>(null);
  const [created, setCreated] = useState<{ id: number; name: string; key: string } | null>(null);
  const devices = useQuery({
    queryKey: ['care-devices', health, org],
    queryFn: () => fetchDevices({ health: health === 'all' ? undefined : health, org }),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['care-devices'] });
  const retire = useMutation({ mutationFn: retireDevice, onSuccess: refresh });
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const at = (v: string | null) => (v ? time.format(new Date(v)) : t('careDevices.never'));
  const list = devices.data ?? [];
  const silent = list.filter((d) => d.health === 'silent').length;

  const columns: TableColumnsType<Device> = [
    { title: t('careDevices.name'), dataIndex: 'name' },
    {
      title: t('careDevices.kind'),
      dataIndex: 'kind',
      render: (k: Device['kind']) => t(`careDevices.kinds.${k}`),
    },
    {
      title: t('careDevices.health'),
      dataIndex: 'health',
      render: (h: DeviceHealth, row) => (
        <Tag color={HEALTH_COLOR[h]} data-testid={`device-health-${row.id}`}>
          {t(`careDevices.${h}`)}
        </Tag>
      ),
    },
    { title: t('careDevices.area'), dataIndex: 'orgName', responsive: ['md'] },
    { title: t('careDevices.location'), dataIndex: 'location', responsive: ['lg'] },
    { title: t('careDevices.lastHeartbeat'), dataIndex: 'lastHeartbeatAt', render: at },
    { title: t('careDevices.lastSighting'), dataIndex: 'lastSightingAt', responsive: ['lg'], render: at },
    {
      title: t('careDevices.refs'),
      dataIndex: 'refCount',
      render: (n: number, row) =>
        mayManage && row.health !== 'retired' ? (
          <Button
            size="small"
            type="link"
            onClick={() => setRefsOf(row)}
            data-testid={`device-refs-${row.id}`}
          >
            {n}
          </Button>
        ) : (
          n
        ),
    },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, row) =>
        !mayManage || row.health === 'retired' ? null : (
          <Space>
            <Button size="small" onClick={() => setEditing(row)} data-testid={`device-edit-${row.id}`}>
              {t('careDevices.edit')}
            </Button>
            <RevokeButton
              label={t('careDevices.retire')}
              confirm={t('careDevices.retireConfirm')}
              testId={`device-retire-${row.id}`}
              onConfirm={() => retire.mutate(row.id)}
            />
          </Space>
        ),
    },
  ];

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('careDevices.title')}
        </Typography.Title>
        {mayManage && (
          <Button type="primary" onClick={() => setEditing('new')} data-testid="device-create">
            {t('careDevices.create')}
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary">{t('careDevices.intro')}</Typography.Paragraph>
      {created && (
        <ShownOnce
          title={t('careDevices.keyOnce', { name: created.name, id: created.id })}
          secret={created.key}
          testId="device-key"
          onClose={() => setCreated(null)}
        />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<HealthFilter>
          value={health}
          onChange={setHealth}
          options={(['all', 'silent', 'ok', 'retired'] as const).map((h) => ({
            value: h,
            label: t(`careDevices.${h}`),
          }))}
          data-testid="device-health-filter"
        />
        <OrgTreeSelect value={org} onChange={setOrg} allowClear testId="device-org" />
        <Typography.Text type="secondary">
          {t('careDevices.count', { count: list.length, silent })}
        </Typography.Text>
      </Space>
      {(devices.error ?? retire.error) && <ErrorAlert error={devices.error ?? retire.error} />}
      <Table<Device>
        rowKey="id"
        size="middle"
        loading={devices.isLoading}
        columns={columns}
        dataSource={list}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="device-table"
      />
      {editing && (
        <DeviceFormModal
          device={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(d) => {
            if (d.key) setCreated({ id: d.id, name: d.name, key: d.key });
            setEditing(null);
            refresh();
          }}
        />
      )}
      {refsOf && (
        <DeviceRefsDrawer
          device={refsOf}
          onClose={() => {
            setRefsOf(null);
            refresh();
          }}
        />
      )}
    </div>
  );
}
