import { Button, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NodeStats } from '../../api/stats.ts';
import { percent } from './kpi-cards.tsx';
import { type Metric, metricLabel, metricValue } from './map-layers.ts';

/**
 * The figures of the child nodes as a table: the same numbers the map colours, readable without the map and
 * reachable by keyboard (each name drills down, like a click on its polygon).
 */
export function NodeTable({
  stats,
  loading,
  canDrill,
  onDrill,
  metric,
}: {
  stats: NodeStats[];
  loading: boolean;
  canDrill: boolean;
  onDrill: (s: NodeStats) => void;
  /** the map's metric, shown as the last column (the cases' count is always there) */
  metric: Metric;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<NodeStats> = [
    {
      title: t('dashboard.node'),
      dataIndex: 'name',
      render: (name: string, s) =>
        canDrill ? (
          <Button
            type="link"
            size="small"
            className="node-drill"
            onClick={() => onDrill(s)}
            data-testid="node-drill"
          >
            {name}
          </Button>
        ) : (
          name
        ),
    },
    { title: t('dashboard.total'), dataIndex: 'total', align: 'right', sorter: (a, b) => a.total - b.total },
    { title: t('dashboard.open'), dataIndex: 'open', align: 'right', responsive: ['sm'] },
    {
      title: t('dashboard.overdue'),
      dataIndex: 'overdue',
      align: 'right',
      render: (v: number) => (v ? <span className="node-overdue">{v}</span> : v),
    },
    ...(metric === 'total'
      ? []
      : [
          {
            title: metricLabel(t, metric),
            key: metric,
            align: 'right' as const,
            render: (_: unknown, s: NodeStats) => {
              const v = metricValue(s, metric);
              if (metric !== 'score') return <span data-testid="node-metric">{percent(v)}</span>;
              return <span data-testid="node-metric">{v === null ? '—' : `${v.toFixed(1)} ${s.grade}`}</span>;
            },
          },
        ]),
  ];
  return (
    <Table<NodeStats>
      rowKey="code"
      size="small"
      data-testid="node-table"
      columns={columns}
      dataSource={stats}
      loading={loading}
      pagination={stats.length > 12 ? { pageSize: 12, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: t('dashboard.noNodes') }}
    />
  );
}
