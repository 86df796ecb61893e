import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getData, sendData } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { RevokeButton, ShownOnce } from '../../components/shown-once.tsx';

interface ApiKeyRow {
  id: number;
  name: string;
  createdByName: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** Open311 API keys for outside systems: create one (shown once), see who made it, revoke it. */
export function Open311KeysPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const keys = useQuery({
    queryKey: ['open311-keys'],
    queryFn: () => getData<ApiKeyRow[]>('/api/open311/keys'),
  });
  const create = useMutation({
    mutationFn: (name: string) =>
      sendData<ApiKeyRow & { key: string }>('POST', '/api/open311/keys', { name }),
    onSuccess: (row) => {
      setCreated({ name: row.name, key: row.key });
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['open311-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => sendData('DELETE', `/api/open311/keys/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['open311-keys'] }),
  });
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  const columns: TableColumnsType<ApiKeyRow> = [
    { title: t('open311.name'), dataIndex: 'name' },
    {
      title: t('open311.createdBy'),
      dataIndex: 'createdByName',
      responsive: ['sm'],
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('open311.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => time.format(new Date(v)),
    },
    {
      title: t('open311.status'),
      dataIndex: 'revokedAt',
      render: (v: string | null) =>
        v ? <Tag>{t('open311.revoked')}</Tag> : <Tag color="green">{t('open311.active')}</Tag>,
    },
    {
      title: t('open311.actions'),
      key: 'actions',
      render: (_: unknown, row) =>
        row.revokedAt ? null : (
          <RevokeButton
            label={t('open311.revoke')}
            confirm={t('open311.revokeConfirm')}
            testId={`open311-revoke-${row.id}`}
            onConfirm={() => revoke.mutate(row.id)}
          />
        ),
    },
  ];

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('open311.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('open311.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => create.mutate(v.name.trim())}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item
          name="name"
          label={t('open311.name')}
          rules={[{ required: true, whitespace: true, max: 100, message: t('open311.nameRequired') }]}
        >
          <Input placeholder={t('open311.namePlaceholder')} data-testid="open311-name" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="open311-create">
            {t('open311.create')}
          </Button>
        </Form.Item>
      </Form>
      {create.error && <ErrorAlert error={create.error} />}
      {revoke.error && <ErrorAlert error={revoke.error} />}
      {created && (
        <ShownOnce
          title={t('open311.createdOnce', { name: created.name })}
          secret={created.key}
          testId="open311-new-key"
          onClose={() => setCreated(null)}
        />
      )}
      {keys.error && <ErrorAlert error={keys.error} />}
      <Table<ApiKeyRow>
        rowKey="id"
        size="middle"
        loading={keys.isLoading}
        columns={columns}
        dataSource={keys.data ?? []}
        pagination={false}
        locale={{ emptyText: t('open311.empty') }}
        data-testid="open311-table"
      />
    </div>
  );
}
