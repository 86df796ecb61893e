import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useMediaQuery } from '../../components/use-media-query.ts';
import { OrgTreeSelect } from '../people/org-tree-select.tsx';
import { getRoster, type RosterArea, type RosterEntry, removeFromRoster } from './care-roster-api.ts';
import { RosterAddModal } from './roster-add-modal.tsx';

/** One name on an area's roster: standing or its days, marked when on duty today, with remove. */
function EntryLine({ e }: { e: RosterEntry }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => removeFromRoster(e.id),
    onSuccess: () => {
      void message.success(t('careRoster.removed'));
      void client.invalidateQueries({ queryKey: ['care', 'roster'] });
    },
  });
  return (
    <Space size={4} wrap data-testid="roster-entry">
      <Tag color={e.onDutyToday ? 'green' : undefined}>{e.displayName}</Tag>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        {e.fromDay ? t('careRoster.range', { from: e.fromDay, to: e.toDay }) : t('careRoster.standing')}
      </Typography.Text>
      <Popconfirm
        title={t('careRoster.removeConfirm', { name: e.displayName })}
        onConfirm={() => remove.mutate()}
      >
        <Button type="link" size="small" danger loading={remove.isPending}>
          {t('careRoster.remove')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

/**
 * The care-contact roster: per community its care contacts (told after 2 h), per street its duty officers
 * (told after 6 h), standing or by date; where no one is named the escalation tells the area's staff.
 */
export function CareRosterPage() {
  const { t } = useTranslation();
  const [org, setOrg] = useState<string | undefined>(undefined);
  const [adding, setAdding] = useState<RosterArea | null>(null);
  // on a phone the add button is its icon alone, so the three columns fit the screen
  const narrow = useMediaQuery('(max-width: 575px)');
  const roster = useQuery({ queryKey: ['care', 'roster', org], queryFn: () => getRoster(org) });
  const columns: TableColumnsType<RosterArea> = [
    {
      title: t('careRoster.area'),
      key: 'area',
      render: (_v, a) => (
        <Space direction="vertical" size={2} style={{ paddingLeft: a.level === 'community' ? 12 : 0 }}>
          <Typography.Text strong={a.level === 'street'} style={{ whiteSpace: 'nowrap' }}>
            {a.name}
          </Typography.Text>
          <Tag color={a.level === 'street' ? 'blue' : 'purple'}>{t(`careRoster.duty.${a.duty}`)}</Tag>
        </Space>
      ),
    },
    {
      title: t('careRoster.person'),
      key: 'entries',
      render: (_v, a) => {
        const fallback = t(`careRoster.fallback.${a.duty}`);
        if (!a.entries.length)
          return <Typography.Text type="secondary">{t('careRoster.empty', { fallback })}</Typography.Text>;
        return (
          <Space direction="vertical" size={0}>
            {a.entries.map((e) => (
              <EntryLine key={e.id} e={e} />
            ))}
            {!a.entries.some((e) => e.onDutyToday) && (
              <Typography.Text type="warning">{t('careRoster.noOneToday', { fallback })}</Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: '',
      key: 'add',
      render: (_v, a) => (
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => setAdding(a)}
          aria-label={`${t('careRoster.add')} ${a.name}`}
          data-testid={`roster-add-${a.code}`}
        >
          {narrow ? null : t('careRoster.add')}
        </Button>
      ),
    },
  ];
  return (
    <div className="page" data-testid="care-roster-page">
      <Typography.Title level={3}>{t('careRoster.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('careRoster.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <label htmlFor="roster-area">{t('careRoster.area')}</label>
        <OrgTreeSelect id="roster-area" value={org} onChange={setOrg} allowClear testId="roster-area" />
      </Space>
      {roster.error ? <ErrorAlert error={roster.error} /> : null}
      <Table<RosterArea>
        rowKey="code"
        size="middle"
        loading={roster.isLoading}
        dataSource={roster.data?.areas ?? []}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="roster-table"
      />
      {adding && <RosterAddModal area={adding} onClose={() => setAdding(null)} />}
    </div>
  );
}
