import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { CALENDAR_KEY, saveHours, useWorkingHours } from './calendar-api.ts';

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

interface HoursForm {
  periods: { start: string; end: string }[];
}

/** The working periods of a day, edited as a list of from–to times. */
export function WorkingHoursCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const hours = useWorkingHours();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: HoursForm) => saveHours(v.periods.map((p) => [p.start, p.end] as [string, string])),
    onMutate: () => setError(null),
    onSuccess: () => {
      void message.success(t('admin.calendar.hoursSaved'));
      void client.invalidateQueries({ queryKey: [CALENDAR_KEY] });
    },
    onError: (err) => setError(errorMessage(err)),
  });
  const timeRule = [{ required: true, pattern: TIME, message: t('admin.calendar.timeRule') }];

  return (
    <Card title={t('admin.calendar.hours')} size="small" className="settings-card">
      {hours.isPending ? (
        <Skeleton active />
      ) : (
        <Form<HoursForm>
          layout="vertical"
          data-testid="hours-form"
          initialValues={{ periods: (hours.data?.periods ?? []).map(([start, end]) => ({ start, end })) }}
          onFinish={(v) => save.mutate(v)}
        >
          {error && <Alert type="error" showIcon role="alert" title={error} className="form-alert" />}
          <Form.List name="periods">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Space key={field.key} align="start" wrap>
                    <Form.Item
                      label={t('admin.calendar.periodStart')}
                      name={[field.name, 'start']}
                      rules={timeRule}
                    >
                      <Input inputMode="numeric" placeholder="08:30" data-testid={`period-${i}-start`} />
                    </Form.Item>
                    <Form.Item
                      label={t('admin.calendar.periodEnd')}
                      name={[field.name, 'end']}
                      rules={timeRule}
                    >
                      <Input inputMode="numeric" placeholder="12:00" data-testid={`period-${i}-end`} />
                    </Form.Item>
                    <Form.Item label=" ">
                      <Button
                        icon={<MinusCircleOutlined />}
                        aria-label={t('admin.calendar.removePeriod')}
                        onClick={() => remove(field.name)}
                      />
                    </Form.Item>
                  </Space>
                ))}
                <Form.Item extra={t('admin.calendar.hoursHelp')}>
                  <Button icon={<PlusOutlined />} onClick={() => add({ start: '', end: '' })}>
                    {t('admin.calendar.addPeriod')}
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="hours-save">
            {t('admin.calendar.saveHours')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
