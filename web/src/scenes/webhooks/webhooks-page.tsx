import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { useOrgTree } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { ShownOnce } from '../../components/shown-once.tsx';
import { useUnitDetails } from '../units/units-api.ts';
import { WebhookForm } from './webhook-form.tsx';
import {
  type Delivery,
  deleteWebhook,
  useDeliveries,
  useWebhooks,
  WEBHOOKS_KEY,
  type Webhook,
} from './webhooks-api.ts';

const STATUS_COLOR = { delivered: 'green', failed: 'red', pending: 'gold' } as const;

/** District and unit webhooks: register, see the delivery attempts, remove. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const hooks = useWebhooks();
  const units = useUnitDetails();
  const tree = useOrgTree();
  const [secret, setSecret] = useState<string | null>(null);
  const [watching, setWatching] = useState<Webhook | null>(null);
  const deliveries = useDeliveries(watching?.id ?? null);
  const district = useMemo(() => tree.data?.find((n) => n.level === 'district') ?? null, [tree.data]);
  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const nodeName = useMemo(() => new Map((tree.data ?? []).map((n) => [n.code, n.name])), [tree.data]);

  const remove = useMutation({
    mutationFn: (id: number) => deleteWebhook(id),
    onSuccess: () => {
      void message.success(t('admin.webhooks.removed'));
      void client.invalidateQueries({ queryKey: WEBHOOKS_KEY });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  const scopeOf = (w: Webhook) =>
    w.unitId !== null
      ? t('admin.webhooks.unitCases', { name: unitName.get(w.unitId) ?? w.unitId })
      : w.orgCode === district?.code
        ? t('admin.webhooks.wholeDistrict', { name: district.name })
        : w.orgCode
          ? t('admin.webhooks.areaCases', { name: nodeName.get(w.orgCode) ?? w.orgCode })
          : t('admin.webhooks.personal');

  const columns: TableColumnsType<Webhook> = [
    { title: t('admin.webhooks.target'), key: 'scope', render: (_, w) => scopeOf(w) },
    {
      title: t('admin.webhooks.url'),
      dataIndex: 'url',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('admin.webhooks.format'),
      dataIndex: 'format',
      responsive: ['md'],
      render: (v: Webhook['format']) => t(`admin.webhooks.formats.${v}`),
    },
    {
      title: t('admin.webhooks.createdAt'),
      dataIndex: 'createdAt',
      responsive: ['lg'],
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, w) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setWatching(w)} data-testid={`webhook-deliveries-${w.id}`}>
            {t('admin.webhooks.deliveries')}
          </Button>
          <Popconfirm title={t('admin.webhooks.removeConfirm')} onConfirm={() => remove.mutate(w.id)}>
            <Button size="small" danger data-testid={`webhook-remove-${w.id}`}>
              {t('admin.webhooks.remove')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  const deliveryColumns: TableColumnsType<Delivery> = [
    { title: t('admin.webhooks.at'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('admin.webhooks.case'),
      key: 'subject',
      render: (_v, d) => d.caseId ?? d.bulletinNumber,
    },
    { title: t('admin.webhooks.attempt'), dataIndex: 'attempt' },
    {
      title: t('admin.webhooks.status'),
      dataIndex: 'status',
      render: (v: Delivery['status'], d) => (
        <span title={d.lastError ?? undefined}>
          <Tag color={STATUS_COLOR[v]}>{t(`admin.webhooks.statuses.${v}`)}</Tag>
          {d.lastStatusCode ?? ''}
        </span>
      ),
    },
  ];

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('admin.webhooks.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('admin.webhooks.intro')}</Typography.Paragraph>
      {secret && (
        <ShownOnce
          title={t('admin.webhooks.secretOnce')}
          secret={secret}
          testId="webhook-secret"
          onClose={() => setSecret(null)}
        />
      )}
      <WebhookForm
        district={district}
        units={units.data ?? []}
        onCreated={(s) => {
          void message.success(t('admin.webhooks.created'));
          setSecret(s);
          void client.invalidateQueries({ queryKey: WEBHOOKS_KEY });
        }}
      />
      {hooks.isError && <ErrorAlert error={hooks.error} onRetry={() => void hooks.refetch()} />}
      <Table<Webhook>
        rowKey="id"
        data-testid="webhooks-table"
        columns={columns}
        dataSource={hooks.data ?? []}
        loading={hooks.isPending}
        pagination={false}
        size="middle"
        locale={{ emptyText: t('common.empty') }}
        scroll={{ x: 'max-content' }}
      />
      <Drawer
        open={watching !== null}
        onClose={() => setWatching(null)}
        title={t('admin.webhooks.deliveries')}
        size="large"
      >
        <Table<Delivery>
          rowKey="id"
          columns={deliveryColumns}
          dataSource={deliveries.data?.data ?? []}
          loading={deliveries.isPending && watching !== null}
          pagination={false}
          size="small"
          locale={{ emptyText: t('admin.webhooks.noDeliveries') }}
        />
      </Drawer>
    </div>
  );
}
