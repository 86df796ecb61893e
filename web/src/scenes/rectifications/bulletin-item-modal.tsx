import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { sendData } from '../../api/client.ts';
import { useUnits } from '../../api/queries.ts';
import { FormModal, useSaveAndClose } from '../../components/form-modal.tsx';
import { CategorySelect } from '../cases/category-select.tsx';
import { OrgTreeSelect } from '../people/org-tree-select.tsx';

interface Values {
  orgCode: string;
  originRef: string;
  description: string;
  categoryCode: string;
  unitId?: number;
  deadline: Dayjs;
}

/** Enters an item of a higher-level bulletin (市/省 通报) onto the rectification list by hand. */
export function BulletinItemModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const units = useUnits(true).data ?? [];
  const [form] = Form.useForm<Values>();
  const save = useSaveAndClose(
    (v: Values) =>
      sendData('POST', '/api/rectifications', {
        orgCode: v.orgCode,
        originRef: v.originRef,
        description: v.description,
        categoryCode: v.categoryCode,
        unitId: v.unitId ?? null,
        deadlineOn: v.deadline.format('YYYY-MM-DD'),
      }),
    { saved: t('supAdmin.bulletinItemSaved'), refresh: ['rectifications'], onClose },
  );
  const required = [{ required: true, message: t('supAdmin.required') }];
  return (
    <FormModal
      title={t('supAdmin.bulletinItemTitle')}
      testId="bulletin-item-modal"
      saving={save.isPending}
      error={save.error}
      onOk={() => form.submit()}
      onClose={onClose}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="orgCode" label={t('supAdmin.area')} rules={required}>
          <OrgTreeSelect testId="bulletin-item-area" />
        </Form.Item>
        <Form.Item name="originRef" label={t('supAdmin.originRef')} rules={[...required, { max: 100 }]}>
          <Input placeholder={t('supAdmin.originRefPlaceholder')} data-testid="bulletin-item-ref" />
        </Form.Item>
        <Form.Item name="description" label={t('supAdmin.description')} rules={[...required, { max: 1000 }]}>
          <Input.TextArea rows={3} data-testid="bulletin-item-description" />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('supAdmin.category')} rules={required}>
          <CategorySelect testId="bulletin-item-category" />
        </Form.Item>
        <Form.Item name="unitId" label={t('supAdmin.unit')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="deadline" label={t('supAdmin.deadline')} rules={required}>
          <DatePicker data-testid="bulletin-item-deadline" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
