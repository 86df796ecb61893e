import { CloseOutlined, PhoneOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNodeDetail } from '../../api/queries.ts';
import type { NodeDetail as Detail } from '../../api/types.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PopulationPanel } from '../people/population-panel.tsx';
import { hasEnded, NodeAdminActions } from './node-admin-actions.tsx';

function GridWorkers({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  if (detail.gridWorkers.length === 0)
    return <Typography.Text type="secondary">{t('org.noWorker')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      {detail.gridWorkers.map((w) => (
        <span key={w.id} data-testid="grid-worker">
          {w.name}
          {w.phone && (
            <>
              {' '}
              <a href={`tel:${w.phone}`} aria-label={t('org.call', { phone: w.phone })}>
                <PhoneOutlined aria-hidden /> {w.phone}
              </a>
            </>
          )}
        </span>
      ))}
    </Space>
  );
}

function items(
  detail: Detail,
  t: TFunction,
  nameOf: (id: number, fallback: string) => string,
): DescriptionsProps['items'] {
  const above = detail.path.filter((p) => p.id !== detail.id);
  const list: DescriptionsProps['items'] = [
    {
      key: 'code',
      label: t('org.code'),
      children: <Typography.Text copyable>{detail.code}</Typography.Text>,
    },
    {
      key: 'path',
      label: t('org.path'),
      children: above.map((p) => nameOf(p.id, p.name)).join(' / ') || t('common.none'),
    },
    { key: 'population', label: t('org.population'), children: detail.population.toLocaleString() },
    { key: 'households', label: t('org.households'), children: detail.households.toLocaleString() },
  ];
  if (detail.level === 'grid') {
    list.push({ key: 'workers', label: t('org.gridWorkers'), children: <GridWorkers detail={detail} /> });
    list.push({
      key: 'plates',
      label: t('plates.title'),
      children: (
        <a
          href={`/door-plates?grid=${detail.code}`}
          target="_blank"
          rel="noreferrer"
          data-testid="print-plates"
        >
          {t('plates.printLink')}
        </a>
      ),
    });
  } else {
    list.push({ key: 'children', label: t('org.children'), children: detail.children.toLocaleString() });
  }
  list.push({
    key: 'validity',
    label: t('org.validity'),
    children: detail.validTo
      ? t('org.validRange', { from: detail.validFrom, to: detail.validTo })
      : t('org.validFrom', { from: detail.validFrom }),
  });
  return list;
}

/** The panel for one selected org node: code, path, grid workers with phones, population and households. */
export function NodeDetailPanel({
  id,
  onClose,
  nameOf,
}: {
  id: number | null;
  onClose: () => void;
  /** The node's name in the UI language (the detail endpoint sends only the Chinese name). */
  nameOf: (id: number, fallback: string) => string;
}) {
  const { t } = useTranslation();
  const detail = useNodeDetail(id);
  const data = detail.data?.data;

  let body: ReactNode;
  if (id === null) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.hint')} />;
  else if (detail.isPending) body = <Skeleton active paragraph={{ rows: 5 }} />;
  else if (detail.isError) body = <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  else if (data)
    body = (
      <>
        <Descriptions size="small" column={1} items={items(data, t, nameOf)} />
        {detail.data?.abilities.manage && <NodeAdminActions node={data} />}
        <PopulationPanel nodeId={data.id} />
      </>
    );

  return (
    <Card
      size="small"
      className="node-detail"
      data-testid="node-detail"
      aria-live="polite"
      title={
        data && id !== null ? (
          <span className="node-detail-title">
            <span data-testid="node-detail-name">{nameOf(data.id, data.name)}</span>
            <Tag color="blue">{t(`level.${data.level}`)}</Tag>
            {data.isDemo && <Tag color="orange">{t('common.demo')}</Tag>}
            {hasEnded(data) && <Tag data-testid="node-ended">{t('orgAdmin.ended')}</Tag>}
          </span>
        ) : (
          t('org.detailTitle')
        )
      }
      extra={
        id !== null && (
          <Button
            type="text"
            size="small"
            icon={<CloseOutlined />}
            aria-label={t('common.close')}
            onClick={onClose}
            data-testid="node-detail-close"
          />
        )
      }
    >
      {body}
    </Card>
  );
}
