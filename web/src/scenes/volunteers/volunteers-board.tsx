import { ROLE_ACTIONS } from '@civicgrid/shared';
import { Button, DatePicker, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.ts';
import { downloadPost } from '../../api/people.ts';
import { useMe } from '../../api/queries.ts';
import { type BoardItem, type NodeCountItem, useVolunteerList } from '../../api/volunteers.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { RevealModal } from '../../components/reveal-modal.tsx';
import type { Root } from './volunteers-page.tsx';

/** The leaderboard of a community or street for a period, counts per node and the .xlsx of service hours. */
export function BoardTab({ root }: { root: Root }) {
  const { t } = useTranslation();
  const [org, setOrg] = useState(root.code);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const period = range ? { from: range[0].format('YYYY-MM'), to: range[1].format('YYYY-MM') } : {};
  const stats = useVolunteerList<NodeCountItem>('/stats', { org: root.code });
  const board = useVolunteerList<BoardItem>('/leaderboard', { org, ...period });
  const me = useMe();
  const [askReason, setAskReason] = useState(false);
  // the clear file is for those who may reveal personal data in the area (the server checks it again)
  const mayReveal = (me.data?.grants ?? []).some(
    (g) =>
      (ROLE_ACTIONS[g.role]?.includes('personal.reveal') ?? false) &&
      (ROLE_ACTIONS[g.role]?.includes('volunteer.read') ?? false) &&
      !!g.scopeCode &&
      org.startsWith(g.scopeCode),
  );
  return (
    <>
      <div className="vol-toolbar">
        <Select
          style={{ width: 220 }}
          value={org}
          onChange={setOrg}
          options={(stats.data ?? [])
            .filter((n) => n.level !== 'district' || n.code === root.code)
            .map((n) => ({ value: n.code, label: n.name }))}
          data-testid="vol-board-org"
        />
        <DatePicker.RangePicker
          picker="month"
          value={range}
          onChange={(v) => setRange(v as [Dayjs, Dayjs] | null)}
        />
        <Button href={`/api/volunteers/export.xlsx${query({ org, ...period })}`} data-testid="vol-export">
          {t('vol.export')}
        </Button>
        {mayReveal && (
          <Button onClick={() => setAskReason(true)} data-testid="vol-export-clear">
            {t('vol.exportClear')}
          </Button>
        )}
      </div>
      {askReason && (
        <RevealModal
          what={t('vol.exportClearWhat')}
          onClose={() => setAskReason(false)}
          onReveal={(reason) =>
            downloadPost(
              '/api/volunteers/export.xlsx',
              { org, ...period, reason },
              `志愿服务时长-${org}.xlsx`,
            )
          }
        />
      )}
      {board.error && <ErrorAlert error={board.error} />}
      <Space align="start" wrap>
        <Table
          rowKey="volunteerId"
          style={{ minWidth: 480 }}
          loading={board.isPending}
          dataSource={board.data ?? []}
          pagination={false}
          data-testid="vol-board"
          columns={[
            { title: t('vol.rank'), dataIndex: 'rank', width: 64, align: 'center' },
            { title: t('vol.name'), dataIndex: 'name' },
            { title: t('vol.area'), dataIndex: 'orgName' },
            { title: t('vol.points'), dataIndex: 'points', align: 'right' },
            { title: t('vol.hours'), dataIndex: 'hours', align: 'right' },
          ]}
        />
        <Table
          rowKey="code"
          loading={stats.isPending}
          dataSource={stats.data ?? []}
          pagination={false}
          columns={[
            { title: t('vol.area'), dataIndex: 'name' },
            { title: t('vol.volunteers'), dataIndex: 'volunteers', align: 'right' },
            { title: t('vol.ambassadors'), dataIndex: 'ambassadors', align: 'right' },
            { title: t('vol.tabs.teams'), dataIndex: 'teams', align: 'right' },
            { title: t('vol.tabs.activities'), dataIndex: 'activities', align: 'right' },
            { title: t('vol.hours'), dataIndex: 'hours', align: 'right' },
          ]}
        />
      </Space>
      {stats.error && <ErrorAlert error={stats.error} />}
    </>
  );
}
