import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { districtDay } from '../../components/format-time.ts';
import {
  CALENDAR_KEY,
  type CalendarDay,
  removeOverride,
  saveOverride,
  useCalendarYear,
} from './calendar-api.ts';
import { WorkingHoursCard } from './working-hours-card.tsx';

interface OverrideForm {
  day: Dayjs;
  isWorkday: boolean;
  note?: string;
}

/** Holidays, 调休 make-up days and administrators' changes of a year, and the working hours of a day. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const thisYear = Number(districtDay().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const calendar = useCalendarYear(year);
  const [form] = Form.useForm<OverrideForm>();
  const [error, setError] = useState<string | null>(null);
  const zh = i18n.language.startsWith('zh');
  const weekdays = t('admin.calendar.weekdays').split(',');
  const refresh = () => void client.invalidateQueries({ queryKey: [CALENDAR_KEY] });

  const special = useMemo(
    () =>
      (calendar.data?.data ?? []).filter(
        (d) => d.source === 'override' || d.kind === 'holiday' || d.kind === 'makeup',
      ),
    [calendar.data],
  );

  const save = useMutation({
    mutationFn: (v: OverrideForm) =>
      saveOverride(v.day.format('YYYY-MM-DD'), v.isWorkday, v.note?.trim() || null),
    onMutate: () => setError(null),
    onSuccess: (_, v) => {
      void message.success(t('admin.calendar.overrideSaved', { day: v.day.format('YYYY-MM-DD') }));
      form.resetFields();
      refresh();
    },
    onError: (err) => setError(errorMessage(err)),
  });
  const remove = useMutation({
    mutationFn: (day: string) => removeOverride(day),
    onSuccess: (_, day) => {
      void message.success(t('admin.calendar.overrideRemoved', { day }));
      refresh();
    },
    onError: (err) => setError(errorMessage(err)),
  });

  const columns: TableColumnsType<CalendarDay> = [
    { title: t('admin.calendar.date'), dataIndex: 'date' },
    {
      title: t('admin.calendar.weekday'),
      key: 'weekday',
      render: (_, d) => weekdays[new Date(`${d.date}T00:00:00Z`).getUTCDay()],
    },
    {
      title: t('admin.calendar.dayType'),
      key: 'type',
      render: (_, d) => (
        <Space size={4} wrap>
          <Tag color={d.isWorkday ? 'blue' : 'red'}>{t(`admin.calendar.isWorkday.${d.isWorkday}`)}</Tag>
          <span>
            {d.source === 'override'
              ? t('admin.calendar.wasKind', { kind: t(`admin.calendar.kinds.${d.kind}`) })
              : t(`admin.calendar.kinds.${d.kind}`)}
          </span>
        </Space>
      ),
    },
    {
      title: t('admin.calendar.festival'),
      key: 'festival',
      render: (_, d) => [zh ? d.holidayZh : d.holidayEn, d.note].filter(Boolean).join(' · ') || '—',
    },
    {
      title: t('admin.calendar.decidedBy'),
      dataIndex: 'source',
      responsive: ['md'],
      render: (s: CalendarDay['source']) => t(`admin.calendar.sources.${s}`),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, d) =>
        d.source === 'override' ? (
          <Popconfirm title={t('admin.calendar.removeConfirm')} onConfirm={() => remove.mutate(d.date)}>
            <Button size="small" data-testid={`override-remove-${d.date}`}>
              {t('admin.calendar.removeOverride')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('admin.calendar.title')}
        </Typography.Title>
        <div className="page-head-tools">
          <Select
            aria-label={t('admin.calendar.year')}
            value={year}
            onChange={setYear}
            data-testid="calendar-year"
            options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: String(y) }))}
          />
        </div>
      </div>
      <Typography.Paragraph type="secondary">{t('admin.calendar.intro')}</Typography.Paragraph>
      {calendar.isError && <ErrorAlert error={calendar.error} onRetry={() => void calendar.refetch()} />}
      {calendar.data && !calendar.data.packageCoversYear && (
        <Alert
          type="warning"
          showIcon
          title={t('admin.calendar.packageMissing', { year })}
          className="form-alert"
        />
      )}
      <Card title={t('admin.calendar.addOverride')} size="small" className="settings-card">
        {error && <Alert type="error" showIcon role="alert" title={error} className="form-alert" />}
        <Form<OverrideForm>
          form={form}
          layout="inline"
          initialValues={{ isWorkday: false }}
          onFinish={(v) => save.mutate(v)}
          data-testid="override-form"
        >
          <Form.Item
            name="day"
            label={t('admin.calendar.overrideDay')}
            rules={[{ required: true, message: t('admin.calendar.overrideDayRule') }]}
          >
            <DatePicker data-testid="override-day" />
          </Form.Item>
          <Form.Item name="isWorkday" label={t('admin.calendar.overrideWorkday')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: t('admin.calendar.isWorkday.true') },
                { value: false, label: t('admin.calendar.isWorkday.false') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('admin.calendar.overrideNote')}
            rules={[{ max: 200, message: t('admin.calendar.overrideNoteRule') }]}
          >
            <Input data-testid="override-note" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="override-save">
              {t('admin.calendar.saveOverride')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card title={t('admin.calendar.special')} size="small" className="settings-card">
        <Table<CalendarDay>
          rowKey="date"
          data-testid="calendar-table"
          columns={columns}
          dataSource={special}
          loading={calendar.isPending}
          pagination={false}
          size="small"
          locale={{ emptyText: t('common.empty') }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <WorkingHoursCard />
    </div>
  );
}
