import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getData, query } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

interface Figures {
  code: string;
  name: string;
  households: number;
  visitedHouseholds: number;
  coverage: number | null;
  needs: number;
  needsToCases: number;
  replyRate: number | null;
}

/** The current quarter and the three before it, newest first (district clock, UTC+8). */
function recentQuarters(now = new Date()): string[] {
  const local = new Date(now.getTime() + 8 * 3600_000);
  let y = local.getUTCFullYear();
  let q = Math.floor(local.getUTCMonth() / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < 4; i++) {
    out.push(`${y}Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * 走访覆盖率 of the dashboard's node and the nodes below it for a quarter, with 件件有回音 (needs the resident
 * heard back on), and the quarter's 80+ list as a download for those who read the archive.
 */
export function VisitCoverageCard({ org, canExport }: { org: string; canExport: boolean }) {
  const { t } = useTranslation();
  const quarters = recentQuarters();
  const [quarter, setQuarter] = useState(quarters[0]!);
  const cov = useQuery({
    queryKey: ['visits', 'coverage', org, quarter],
    queryFn: () =>
      getData<{ total: Figures; children: Figures[] }>(`/api/visits/coverage${query({ org, quarter })}`),
  });
  const rows = cov.data
    ? [...cov.data.children, { ...cov.data.total, name: t('visits.total'), code: 'total' }]
    : [];
  return (
    <Card
      size="small"
      title={t('visits.coverageTitle')}
      data-testid="visit-coverage"
      extra={
        <Select
          size="small"
          value={quarter}
          onChange={setQuarter}
          aria-label={t('visits.quarter')}
          options={quarters.map((q) => ({ value: q, label: q }))}
        />
      }
    >
      {cov.isError && <ErrorAlert error={cov.error} onRetry={() => void cov.refetch()} />}
      <Table<Figures>
        size="small"
        rowKey="code"
        pagination={false}
        loading={cov.isPending}
        dataSource={rows}
        columns={[
          { title: t('visits.node'), dataIndex: 'name' },
          {
            title: t('visits.coverage'),
            key: 'coverage',
            render: (_, r) => (
              <Tooltip title={`${r.visitedHouseholds} / ${r.households}`}>{pct(r.coverage)}</Tooltip>
            ),
          },
          { title: t('visits.needs'), dataIndex: 'needs', align: 'right' },
          { title: t('visits.toCases'), dataIndex: 'needsToCases', align: 'right' },
          { title: t('visits.replyRate'), key: 'reply', render: (_, r) => pct(r.replyRate) },
        ]}
      />
      {canExport && (
        <Tooltip title={t('visits.eldersHint')}>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={`/api/visits/elders.xlsx${query({ org, quarter })}`}
            download
            style={{ marginTop: 8 }}
            data-testid="export-elders"
          >
            {t('visits.eldersExport')}
          </Button>
        </Tooltip>
      )}
    </Card>
  );
}
