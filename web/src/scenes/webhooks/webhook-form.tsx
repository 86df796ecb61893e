import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitDetail } from '../../api/case-types.ts';
import { errorMessage } from '../../api/client.ts';
import { createWebhook, type Webhook } from './webhooks-api.ts';

interface FormValues {
  target: string;
  url: string;
  format: Webhook['format'];
  secret?: string;
}

/**
 * Registers a hook for the whole district or one unit's cases. The target is "org:<code>" or "unit:<id>";
 * `onCreated` receives the signing secret, which the server shows only this once.
 */
export function WebhookForm({
  district,
  units,
  onCreated,
}: {
  district: { code: string; name: string } | null;
  units: UnitDetail[];
  onCreated: (secret: string | null) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const [kind, id] = v.target.split(':') as [string, string];
      return createWebhook({
        url: v.url.trim(),
        format: v.format,
        ...(kind === 'org' ? { orgCode: id } : { unitId: Number(id) }),
        ...(v.secret?.trim() ? { secret: v.secret.trim() } : {}),
      });
    },
    onMutate: () => setError(null),
    onSuccess: (hook) => {
      form.resetFields();
      if (district) form.setFieldValue('target', `org:${district.code}`);
      onCreated(hook.secret);
    },
    onError: (err) => setError(errorMessage(err)),
  });
  // the district is known only once the org tree has loaded: preselect it then, unless the user chose already
  useEffect(() => {
    if (district && !form.getFieldValue('target')) form.setFieldValue('target', `org:${district.code}`);
  }, [district, form]);
  const targets = [
    ...(district
      ? [{ value: `org:${district.code}`, label: t('admin.webhooks.wholeDistrict', { name: district.name }) }]
      : []),
    ...units.map((u) => ({ value: `unit:${u.id}`, label: t('admin.webhooks.unitCases', { name: u.name }) })),
  ];

  return (
    <Card title={t('admin.webhooks.create')} size="small" className="settings-card">
      {error && <Alert type="error" showIcon role="alert" title={error} className="form-alert" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        className="settings-form"
        initialValues={{ format: 'json' }}
        onFinish={(v) => save.mutate(v)}
        data-testid="webhook-form"
      >
        <Form.Item
          name="target"
          label={t('admin.webhooks.target')}
          rules={[{ required: true, message: t('admin.webhooks.targetRule') }]}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={targets} data-testid="webhook-target" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('admin.webhooks.url')}
          extra={t('admin.webhooks.urlHelp')}
          rules={[{ required: true, type: 'url', max: 2000, message: t('admin.webhooks.urlRule') }]}
        >
          <Input inputMode="url" placeholder="https://" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="format" label={t('admin.webhooks.format')}>
          <Select
            data-testid="webhook-format"
            options={(['json', 'wecom', 'dingtalk', 'hotline'] as const).map((f) => ({
              value: f,
              label: t(`admin.webhooks.formats.${f}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="secret" label={t('admin.webhooks.secret')} extra={t('admin.webhooks.secretHelp')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="webhook-save">
          {t('admin.webhooks.save')}
        </Button>
      </Form>
    </Card>
  );
}
