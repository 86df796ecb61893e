import { Button, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NodeStats } from '../../api/stats.ts';
import { percent } from './kpi-cards.tsx';

/**
 * The figures of the child nodes as a table: the same numbers the map colours, readable without the map and
 * reachable by keyboard (each name drills down, like a click on its polygon).
 */
export function NodeTable({
  stats,
  loading,
  canDrill,
  onDrill,
}: {
  stats: NodeStats[];
  loading: boolean;
  canDrill: boolean;
  onDrill: (s: NodeStats) => void;
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
    {
      title: t('dashboard.intimeRate'),
      dataIndex: 'intimeRate',
      align: 'right',
      render: (v: number | null) => percent(v),
    },
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
