import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { changedFields } from '../../components/changed-fields.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LimitField } from '../categories/limit-field.tsx';
import {
  STAGES,
  saveWorkflowSettings,
  useWorkflowSettings,
  WORKFLOW_KEY,
  type WorkflowSettings,
} from './settings-api.ts';

/** The whole-number fields of the windows card: field, help text, upper bound, rule message, test id. */
const WINDOWS = [
  { name: 'ratingWindowDays', help: 'ratingWindowHelp', max: 90, rule: 'daysRule', testId: 'rating-window' },
  {
    name: 'reopenEscalationThreshold',
    help: 'reopenEscalationHelp',
    max: 20,
    rule: 'countRule',
    testId: 'reopen-threshold',
  },
  {
    name: 'duplicateWindowDays',
    help: 'duplicateWindowHelp',
    max: 90,
    rule: 'daysRule',
    testId: 'duplicate-window',
  },
] as const;

/** Stage limits, the rating and reopening window, the escalation threshold and the duplicate window. */
export function WorkflowSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const settings = useWorkflowSettings();
  const [form] = Form.useForm<WorkflowSettings>();
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (v: WorkflowSettings) => {
      const changes = changedFields(settings.data!, v);
      return Object.keys(changes).length ? saveWorkflowSettings(changes) : Promise.resolve(settings.data!);
    },
    onMutate: () => setFormError(null),
    onSuccess: (saved) => {
      client.setQueryData(WORKFLOW_KEY, saved);
      void message.success(t('admin.workflow.saved'));
    },
    onError: (err) => setFormError(errorMessage(err)),
  });

  const whole = (max: number, rule: string) => [
    { required: true, type: 'integer' as const, min: 1, max, message: rule },
  ];

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('admin.workflow.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('admin.workflow.intro')}</Typography.Paragraph>
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.isPending ? (
        <Skeleton active />
      ) : settings.data ? (
        <Form<WorkflowSettings>
          form={form}
          layout="vertical"
          initialValues={settings.data}
          onFinish={(v) => save.mutate(v)}
          data-testid="workflow-form"
          className="settings-form"
        >
          {formError && <Alert type="error" showIcon role="alert" title={formError} className="form-alert" />}
          <Card title={t('admin.workflow.stages')} size="small" className="settings-card">
            {STAGES.map((s) => (
              <LimitField
                key={s}
                name={['stageLimits', s]}
                label={t(`admin.workflow.stage.${s}`)}
                testId={`stage-${s}`}
              />
            ))}
          </Card>
          <Card title={t('admin.workflow.windows')} size="small" className="settings-card">
            {WINDOWS.map((w) => (
              <Form.Item
                key={w.name}
                name={w.name}
                label={t(`admin.workflow.${w.name}`)}
                extra={t(`admin.workflow.${w.help}`)}
                rules={whole(w.max, t(`admin.workflow.${w.rule}`))}
              >
                <InputNumber precision={0} data-testid={w.testId} />
              </Form.Item>
            ))}
          </Card>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="workflow-save">
            {t('common.save')}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}
