import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request, sendData } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { RevokeButton, ShownOnce } from '../../components/shown-once.tsx';

interface TokenRow {
  id: string;
  name: string | null;
  userId: string;
  username: string;
  displayName: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface NewToken {
  name: string;
  token: string;
  expiresAt: string;
}

const statusOf = (row: TokenRow) =>
  row.revokedAt ? 'revoked' : Date.parse(row.expiresAt) <= Date.now() ? 'expired' : 'active';

/**
 * Bearer tokens for systems that call the API: create one (shown once, expiring), see when each was last
 * used, revoke it. Administrators see and revoke the tokens of the users they manage as well.
 */
export function TokensPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const me = useMe().data;
  const mayCreate = me?.can['token.create'] ?? false;
  const [form] = Form.useForm<{ name: string; days?: number | null }>();
  const [created, setCreated] = useState<NewToken | null>(null);
  const tokens = useQuery({
    queryKey: ['api-tokens'],
    queryFn: () => request<{ data: TokenRow[]; maxDays: number }>('GET', '/api/auth/tokens'),
  });
  const maxDays = tokens.data?.maxDays ?? 90;
  const create = useMutation({
    // without days the server gives the longest lifetime it allows (API_TOKEN_DAYS)
    mutationFn: (v: { name: string; days?: number }) => sendData<NewToken>('POST', '/api/auth/tokens', v),
    onSuccess: (row) => {
      setCreated(row);
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['api-tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => sendData('DELETE', `/api/auth/tokens/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const at = (v: string | null) => (v ? time.format(new Date(v)) : '—');
  const STATUS_COLOR = { active: 'green', expired: 'default', revoked: 'default' } as const;

  const columns: TableColumnsType<TokenRow> = [
    { title: t('tokens.name'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
    {
      title: t('tokens.owner'),
      key: 'owner',
      render: (_: unknown, row) => (
        <>
          {row.displayName} <Typography.Text type="secondary">{row.username}</Typography.Text>
        </>
      ),
    },
    { title: t('tokens.createdAt'), dataIndex: 'createdAt', responsive: ['md'], render: at },
    { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: at },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      responsive: ['sm'],
      render: (v: string | null) => (v ? at(v) : t('tokens.never')),
    },
    {
      title: t('tokens.status'),
      key: 'status',
      render: (_: unknown, row) => {
        const status = statusOf(row);
        return <Tag color={STATUS_COLOR[status]}>{t(`tokens.${status}`)}</Tag>;
      },
    },
    {
      title: t('tokens.actions'),
      key: 'actions',
      render: (_: unknown, row) =>
        statusOf(row) !== 'active' ? null : (
          <RevokeButton
            label={t('tokens.revoke')}
            confirm={t('tokens.revokeConfirm')}
            testId={`token-revoke-${row.id}`}
            onConfirm={() => revoke.mutate(row.id)}
          />
        ),
    },
  ];

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('tokens.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      {mayCreate ? (
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => create.mutate({ name: v.name.trim(), ...(v.days ? { days: v.days } : {}) })}
          style={{ marginBottom: 16, rowGap: 8 }}
        >
          <Form.Item
            name="name"
            label={t('tokens.name')}
            rules={[{ required: true, whitespace: true, max: 64, message: t('tokens.nameRequired') }]}
          >
            <Input placeholder={t('tokens.namePlaceholder')} data-testid="token-name" />
          </Form.Item>
          <Form.Item name="days" label={t('tokens.days')} extra={t('tokens.daysHelp', { max: maxDays })}>
            <InputNumber
              min={1}
              max={maxDays}
              precision={0}
              placeholder={String(maxDays)}
              data-testid="token-days"
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="token-create">
              {t('tokens.create')}
            </Button>
          </Form.Item>
        </Form>
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('tokens.noCreate')} />
      )}
      {create.error && <ErrorAlert error={create.error} />}
      {revoke.error && <ErrorAlert error={revoke.error} />}
      {created && (
        <ShownOnce
          title={t('tokens.createdOnce', { name: created.name, expires: at(created.expiresAt) })}
          secret={created.token}
          testId="token-new"
          onClose={() => setCreated(null)}
        />
      )}
      {tokens.error && <ErrorAlert error={tokens.error} />}
      <Table<TokenRow>
        rowKey="id"
        size="middle"
        loading={tokens.isLoading}
        columns={columns}
        dataSource={tokens.data?.data ?? []}
        pagination={false}
        locale={{ emptyText: t('tokens.empty') }}
        data-testid="token-table"
      />
    </div>
  );
}
