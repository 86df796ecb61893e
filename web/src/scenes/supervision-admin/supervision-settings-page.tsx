import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Select,
  Skeleton,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { changedFields } from '../../components/changed-fields.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import {
  SUPERVISION_SETTINGS_KEY,
  type SupervisionSettings,
  saveSupervisionSettings,
  usePointTypes,
  useSupervisionSettings,
} from './supervision-admin-api.ts';

/** The form's values: the settings with both clock times as pickers' values. */
type Values = Omit<SupervisionSettings, 'bulletin' | 'morning'> & {
  bulletin: Omit<SupervisionSettings['bulletin'], 'time'> & { time: Dayjs };
  morning: Omit<SupervisionSettings['morning'], 'time'> & { time: Dayjs };
};

const toPicker = (hhmm: string) => dayjs(`2000-01-01T${hhmm}:00`);

/** Bulletin issuing (time, office, 文号 prefix), the standing 晨查 plan and the rectification deadline. */
export function SupervisionSettingsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const { message } = App.useApp();
  const client = useQueryClient();
  const settings = useSupervisionSettings();
  const types = usePointTypes();
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const next: SupervisionSettings = {
        bulletin: { ...v.bulletin, time: v.bulletin.time.format('HH:mm') },
        morning: { ...v.morning, time: v.morning.time.format('HH:mm') },
        rectificationDays: v.rectificationDays,
      };
      const changes = changedFields(settings.data!, next);
      return Object.keys(changes).length ? saveSupervisionSettings(changes) : Promise.resolve(settings.data!);
    },
    onMutate: () => setFormError(null),
    onSuccess: (saved) => {
      client.setQueryData(SUPERVISION_SETTINGS_KEY, saved);
      void message.success(t('supAdmin.saved'));
    },
    onError: (err) => setFormError(errorMessage(err)),
  });

  const s = settings.data;
  const required = [{ required: true, message: t('supAdmin.required') }];
  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('supAdmin.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('supAdmin.intro')}</Typography.Paragraph>
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.isPending ? (
        <Skeleton active />
      ) : s ? (
        <Form<Values>
          layout="vertical"
          className="settings-form"
          data-testid="supervision-settings-form"
          initialValues={{
            bulletin: { ...s.bulletin, time: toPicker(s.bulletin.time) },
            morning: { ...s.morning, time: toPicker(s.morning.time) },
            rectificationDays: s.rectificationDays,
          }}
          onFinish={(v) => save.mutate(v)}
        >
          {formError && <Alert type="error" showIcon role="alert" title={formError} className="form-alert" />}
          <Card title={t('supAdmin.bulletin')} size="small" className="settings-card">
            <Form.Item
              name={['bulletin', 'time']}
              label={t('supAdmin.bulletinTime')}
              extra={t('supAdmin.bulletinTimeHelp')}
              rules={[{ required: true, message: t('supAdmin.timeRule') }]}
            >
              <TimePicker format="HH:mm" minuteStep={5} allowClear={false} data-testid="bulletin-time" />
            </Form.Item>
            <Form.Item
              name={['bulletin', 'issuer']}
              label={t('supAdmin.issuer')}
              extra={t('supAdmin.issuerHelp')}
              rules={[...required, { max: 60 }]}
            >
              <Input data-testid="bulletin-issuer" />
            </Form.Item>
            <Form.Item
              name={['bulletin', 'prefix']}
              label={t('supAdmin.prefix')}
              extra={t('supAdmin.prefixHelp')}
              rules={[...required, { max: 30 }]}
            >
              <Input data-testid="bulletin-prefix" />
            </Form.Item>
          </Card>
          <Card title={t('supAdmin.morning')} size="small" className="settings-card">
            <Form.Item name={['morning', 'enabled']} valuePropName="checked">
              <Checkbox data-testid="morning-enabled">{t('supAdmin.morningEnabled')}</Checkbox>
            </Form.Item>
            <Form.Item
              name={['morning', 'time']}
              label={t('supAdmin.morningTime')}
              rules={[{ required: true, message: t('supAdmin.timeRule') }]}
            >
              <TimePicker format="HH:mm" minuteStep={5} allowClear={false} data-testid="morning-time" />
            </Form.Item>
            <Form.Item
              name={['morning', 'pointTypeIds']}
              label={t('supAdmin.morningTypes')}
              extra={t('supAdmin.morningTypesHelp')}
            >
              <Select
                mode="multiple"
                optionFilterProp="label"
                loading={types.isPending}
                data-testid="morning-types"
                options={(types.data ?? []).map((p) => ({ value: p.id, label: en ? p.nameEn : p.nameZh }))}
              />
            </Form.Item>
          </Card>
          <Card title={t('supAdmin.rectification')} size="small" className="settings-card">
            <Form.Item
              name="rectificationDays"
              label={t('supAdmin.rectificationDays')}
              extra={t('supAdmin.rectificationDaysHelp')}
              rules={[{ required: true, type: 'integer', min: 1, max: 60, message: t('supAdmin.daysRule') }]}
            >
              <InputNumber precision={0} data-testid="rectification-days" />
            </Form.Item>
          </Card>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="supervision-save">
            {t('common.save')}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}
