import { useQuery } from '@tanstack/react-query';
import { Button, Space, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CandidateView, listCandidates, listWatched, type WatchedView } from '../../api/care.ts';
import { useMe } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { OrgTreeSelect } from '../people/org-tree-select.tsx';
import { EnrolModal } from './enrol-modal.tsx';
import { WatchedDrawer } from './watched-drawer.tsx';

function WatchList({ org, onOpen }: { org?: string; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['care', 'list', org], queryFn: () => listWatched(org) });
  const columns: TableColumnsType<WatchedView> = [
    {
      title: t('care.name'),
      key: 'name',
      render: (_: unknown, w) => (
        <Button type="link" onClick={() => onOpen(w.personId)} data-testid={`care-row-${w.personId}`}>
          {w.name}
        </Button>
      ),
    },
    { title: t('care.age'), dataIndex: 'age', width: 70 },
    { title: t('care.grid'), dataIndex: 'gridName', responsive: ['md'] },
    { title: t('care.address'), dataIndex: 'buildingAddress', responsive: ['lg'] },
    {
      title: t('care.lastSeen'),
      key: 'lastSeen',
      render: (_: unknown, w) => (
        <Space size={4}>
          {w.lastSeenAt ? formatDateTime(w.lastSeenAt) : t('care.never')}
          {w.overdue && <Tag color="red">{t('care.overdue')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('care.status'),
      key: 'status',
      render: (_: unknown, w) =>
        w.status === 'home'
          ? t('care.statusLabel.home')
          : `${t(`care.statusLabel.${w.status}`)} ${t('care.until', { date: formatDateTime(w.statusUntil) })}`,
    },
    {
      title: t('care.threshold'),
      dataIndex: 'thresholdHours',
      width: 90,
      render: (n: number) => t('care.hours', { n }),
    },
    {
      title: t('care.alert'),
      key: 'alert',
      render: (_: unknown, w) =>
        w.alert ? (
          <Tag color="red" data-testid="care-alert-tag">
            {t('care.alertOpen', { level: t(`care.level.${w.alert.level}`) })}
          </Tag>
        ) : (
          t('care.none')
        ),
    },
  ];
  return (
    <>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table
        rowKey="personId"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        columns={columns}
        pagination={{ pageSize: 50 }}
        locale={{ emptyText: t('care.emptyWatched') }}
        data-testid="care-watch-list"
      />
    </>
  );
}

function Candidates({ org }: { org?: string }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['care', 'candidates', org], queryFn: () => listCandidates(org) });
  const [enrolling, setEnrolling] = useState<CandidateView | null>(null);
  const columns: TableColumnsType<CandidateView> = [
    { title: t('care.name'), dataIndex: 'name' },
    { title: t('care.age'), dataIndex: 'age', width: 70 },
    { title: t('care.grid'), dataIndex: 'gridName' },
    { title: t('care.address'), dataIndex: 'buildingAddress', responsive: ['md'] },
    {
      title: '',
      key: 'enrol',
      render: (_: unknown, c) => (
        <Button type="primary" onClick={() => setEnrolling(c)} data-testid={`care-enrol-${c.personId}`}>
          {t('care.enrol')}
        </Button>
      ),
    },
  ];
  return (
    <>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table
        rowKey="personId"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        columns={columns}
        pagination={{ pageSize: 50 }}
        locale={{ emptyText: t('care.emptyCandidates') }}
      />
      {enrolling && <EnrolModal person={enrolling} onClose={() => setEnrolling(null)} />}
    </>
  );
}

/**
 * The care watch in the console: the watch list of an area (open alerts first) with each person's alerts
 * and escalation timeline, and enrolment from the 独居老人 list with consent recorded.
 */
export function CarePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [org, setOrg] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState<number | null>(null);
  const mayEnrol = me?.can['care.enrol'] ?? false;
  return (
    <div data-testid="care-page">
      <Typography.Title level={3}>{t('care.title')}</Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        <span>{t('care.area')}</span>
        <OrgTreeSelect value={org} onChange={setOrg} />
      </Space>
      <Tabs
        items={[
          {
            key: 'watched',
            label: t('care.tabs.watched'),
            children: <WatchList org={org} onOpen={setOpen} />,
          },
          ...(mayEnrol
            ? [{ key: 'enrol', label: t('care.tabs.enrol'), children: <Candidates org={org} /> }]
            : []),
        ]}
      />
      {open !== null && <WatchedDrawer personId={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
