import { Badge, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseFilters } from '../../api/case-types.ts';
import { useCaseCount } from '../../api/cases.ts';
import type { Queue } from './queues.ts';

function QueueLabel({ queue, filters, ready }: { queue: Queue; filters: CaseFilters; ready: boolean }) {
  const { t } = useTranslation();
  const count = useCaseCount({ ...filters, ...queue.filter, sort: undefined, order: undefined }, ready);
  const n = count.data?.count;
  const text = n === undefined ? '' : count.data?.more ? `${n}+` : String(n);
  return (
    <span className="queue-label" data-testid={`queue-${queue.key}`} data-count={text}>
      {t(queue.labelKey)}
      {text !== '' && (
        <Badge
          className="queue-count"
          count={text}
          showZero
          color={queue.key === 'overdue' && n ? '#f5222d' : n ? '#1f5fbf' : '#bfbfbf'}
        />
      )}
    </span>
  );
}

/** Tabs of queues, each with the number of cases in it under the current filters. */
export function QueueTabs({
  queues,
  active,
  filters,
  onChange,
  ready = true,
}: {
  queues: readonly Queue[];
  active: string;
  filters: CaseFilters;
  onChange: (key: string) => void;
  /** counts wait until the list itself has loaded: the list is what the user came for */
  ready?: boolean;
}) {
  return (
    <Tabs
      className="queue-tabs"
      activeKey={active}
      onChange={onChange}
      items={queues.map((q) => ({
        key: q.key,
        label: <QueueLabel queue={q} filters={filters} ready={ready} />,
      }))}
    />
  );
}
