import { INSPECTION_KIND_LABELS, INSPECTION_KINDS, type InspectionKind } from '@civicgrid/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, Modal, Select, TimePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { sendData } from '../../api/client.ts';
import { useInspectionPoints } from '../../api/inspections.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

interface Values {
  kind: InspectionKind;
  title: string;
  day: Dayjs;
  time?: Dayjs | null;
  pointIds: number[];
  start?: boolean;
}

/** Plans an inspection: kind, name, day and time, and the route's points in walking order. */
export function PlanModal({ open, day, onClose }: { open: boolean; day: Dayjs; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const points = useInspectionPoints(open);
  const en = i18n.language === 'en-US';
  const plan = useMutation({
    mutationFn: (v: Values) =>
      sendData<{ id: number; title: string }>('POST', '/api/inspections', {
        kind: v.kind,
        title: v.title,
        plannedOn: v.day.format('YYYY-MM-DD'),
        plannedTime: v.time ? v.time.format('HH:mm') : null,
        pointIds: v.pointIds,
        start: v.start ?? false,
      }),
    onSuccess: (row) => {
      void message.success(t('insp.planned', { title: row.title }));
      void client.invalidateQueries({ queryKey: ['inspections'] });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('insp.plan')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={plan.isPending}
      destroyOnHidden
      data-testid="plan-modal"
    >
      {plan.error && <ErrorAlert error={plan.error} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'morning_inspection', day }}
        onFinish={(v) => plan.mutate(v)}
      >
        <Form.Item name="kind" label={t('insp.kind')} rules={[{ required: true }]}>
          <Select
            options={INSPECTION_KINDS.map((k) => ({
              value: k,
              label: INSPECTION_KIND_LABELS[k][en ? 'en' : 'zh'],
            }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('insp.titleLabel')} rules={[{ required: true, max: 100 }]}>
          <Input placeholder={t('insp.titlePlaceholder')} data-testid="plan-title" />
        </Form.Item>
        <Form.Item name="day" label={t('insp.date')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="time" label={t('insp.time')}>
          <TimePicker format="HH:mm" minuteStep={5} />
        </Form.Item>
        <Form.Item
          name="pointIds"
          label={t('insp.points')}
          rules={[{ required: true, message: t('insp.pointsRequired') }]}
        >
          <Select
            mode="multiple"
            loading={points.isPending}
            optionFilterProp="label"
            data-testid="plan-points"
            options={(points.data ?? [])
              .filter((p) => p.active)
              .map((p) => ({
                value: p.id,
                label: `${p.name}（${en ? p.typeNameEn : p.typeNameZh} · ${p.gridName}）`,
              }))}
          />
        </Form.Item>
        <Form.Item name="start" valuePropName="checked">
          <Checkbox>{t('insp.startNow')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
