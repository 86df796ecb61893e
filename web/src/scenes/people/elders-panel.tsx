import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { getData, query } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { usePeopleLabel } from './labels.ts';
import { OrgTreeSelect } from './org-tree-select.tsx';

/** One row of GET /api/visits/elders: a resident aged 80+ with their household's last visit. */
interface Elder {
  personId: number;
  householdId: number;
  name: string | null;
  gender: 'M' | 'F' | null;
  age: number;
  gridName: string;
  building: string;
  address: string | null;
  lastVisitAt: string | null;
  visitedInQuarter: boolean;
}

// the list route answers at most 500 rows a request; beyond that the export is the whole list
const SCREEN_CAP = 500;

/** The current quarter and the three before it, newest first, on the district's clock (UTC+8). */
function recentQuarters(now = new Date()): string[] {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  let y = local.getUTCFullYear();
  let q = Math.floor(local.getUTCMonth() / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < 4; i++) {
    out.push(`${y}Q${q}`);
    q = q === 1 ? 4 : q - 1;
    if (q === 4) y -= 1;
  }
  return out;
}

const localTime = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '—';

/**
 * The quarter's residents aged 80 or more (高龄补贴认定) of an area, with their household's last visit, and
 * the .xlsx export of the same list (masked). Addresses are masked here too; the household page reveals
 * them to those who may, with a recorded reason.
 */
export function EldersPanel(props: { defaultOrg?: string }) {
  const { t } = useTranslation();
  const label = usePeopleLabel();
  const quarters = recentQuarters();
  const [org, setOrg] = useState<string | undefined>(props.defaultOrg);
  const [quarter, setQuarter] = useState(quarters[0]!);
  const [notVisited, setNotVisited] = useState(false);
  const list = useQuery({
    queryKey: ['people', 'elders', org, quarter, notVisited],
    queryFn: () =>
      getData<Elder[]>(
        `/api/visits/elders${query({ org, quarter, notVisited: notVisited || undefined, limit: SCREEN_CAP })}`,
      ),
    enabled: !!org,
  });
  const columns: TableColumnsType<Elder> = [
    {
      title: t('people.name'),
      key: 'name',
      render: (_: unknown, e) => (
        <Link to={`/households/${e.householdId}`} data-testid={`elder-${e.personId}`}>
          {e.name ?? '—'}
        </Link>
      ),
    },
    { title: t('people.gender'), dataIndex: 'gender', width: 70, render: (v) => label('gender', v) },
    { title: t('people.age'), dataIndex: 'age', width: 70 },
    { title: t('people.grid'), dataIndex: 'gridName', responsive: ['md'] },
    { title: t('people.address'), key: 'address', render: (_: unknown, e) => e.address ?? e.building },
    { title: t('people.elders.lastVisit'), dataIndex: 'lastVisitAt', render: localTime },
    {
      title: t('people.elders.visited', { quarter }),
      dataIndex: 'visitedInQuarter',
      width: 130,
      render: (v: boolean) =>
        v ? (
          <Tag color="green">{t('people.elders.yes')}</Tag>
        ) : (
          <Tag color="red">{t('people.elders.no')}</Tag>
        ),
    },
  ];
  return (
    <div data-testid="elders-panel">
      <Typography.Paragraph type="secondary">{t('people.elders.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="elders-org">{t('people.org')}</label>
        <OrgTreeSelect id="elders-org" value={org} onChange={setOrg} testId="elders-org" />
        <Select
          value={quarter}
          onChange={setQuarter}
          aria-label={t('people.elders.quarter')}
          options={quarters.map((q) => ({ value: q, label: q }))}
          style={{ width: 110 }}
        />
        <Checkbox
          checked={notVisited}
          onChange={(e) => setNotVisited(e.target.checked)}
          data-testid="elders-not-visited"
        >
          {t('people.elders.notVisitedOnly')}
        </Checkbox>
        <Button
          icon={<DownloadOutlined />}
          href={
            org
              ? `/api/visits/elders.xlsx${query({ org, quarter, notVisited: notVisited || undefined })}`
              : undefined
          }
          disabled={!org}
          download
          data-testid="elders-export"
        >
          {t('people.elders.export')}
        </Button>
      </Space>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data?.length === SCREEN_CAP ? (
        <Alert
          type="info"
          showIcon
          message={t('people.elders.capped', { n: SCREEN_CAP })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Table<Elder>
        rowKey="personId"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data ?? []}
        pagination={{
          pageSize: 20,
          hideOnSinglePage: true,
          showTotal: (n) => t('people.elders.total', { n }),
        }}
        locale={{ emptyText: org ? t('people.elders.none') : t('people.elders.pickOrg') }}
        scroll={{ x: true }}
        data-testid="elders-table"
      />
    </div>
  );
}
