import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal, useSaveAndClose } from '../../components/form-modal.tsx';
import { addToRoster, getEligible, type RosterArea } from './care-roster-api.ts';

interface Values {
  userId: string;
  when: 'standing' | 'days';
  days?: [Dayjs, Dayjs];
}

/** Names someone for an area: standing, or on a range of days (a duty roster entry). */
export function RosterAddModal({ area, onClose }: { area: RosterArea; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const when = Form.useWatch('when', form);
  const eligible = useQuery({
    queryKey: ['care', 'roster', 'eligible', area.code],
    queryFn: () => getEligible(area.code),
  });
  const save = useSaveAndClose(
    (v: Values) =>
      addToRoster({
        org: area.code,
        userId: v.userId,
        ...(v.when === 'days' && v.days
          ? { fromDay: v.days[0].format('YYYY-MM-DD'), toDay: v.days[1].format('YYYY-MM-DD') }
          : {}),
      }),
    { saved: t('careRoster.saved'), refresh: ['care', 'roster'], onClose },
  );
  return (
    <FormModal
      title={`${area.name} · ${t('careRoster.addTitle', { duty: t(`careRoster.duty.${area.duty}`) })}`}
      testId="roster-add-modal"
      saving={save.isPending}
      error={save.error}
      onOk={() => form.submit()}
      onClose={onClose}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ when: 'standing' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="userId"
          label={t('careRoster.person')}
          rules={[{ required: true, message: t('careRoster.pickPerson') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={eligible.isLoading}
            data-testid="roster-person"
            options={(eligible.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          />
        </Form.Item>
        <Form.Item name="when" label={t('careRoster.whenLabel')}>
          <Radio.Group
            data-testid="roster-when"
            options={[
              { value: 'standing', label: t('careRoster.whenStanding') },
              { value: 'days', label: t('careRoster.whenDays') },
            ]}
          />
        </Form.Item>
        {when === 'days' && (
          <Form.Item
            name="days"
            label={t('careRoster.days')}
            rules={[{ required: true, message: t('careRoster.pickDays') }]}
          >
            <DatePicker.RangePicker
              data-testid="roster-days"
              disabledDate={(d: Dayjs) => d.endOf('day').valueOf() < Date.now()}
            />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
