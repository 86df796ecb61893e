import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendData } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CategorySelect } from '../cases/category-select.tsx';
import { type ChecklistItem, useChecklist, usePointTypes } from './supervision-admin-api.ts';

const NEW_ITEM: ChecklistItem = {
  textZh: '',
  textEn: '',
  answerType: 'pass_fail',
  maxScore: 1,
  passScore: null,
  weight: 1,
  photoOnFail: true,
  categoryCode: '',
};

/** Keeps the fields the save takes (the API's items also carry id and sort). */
const editable = (i: ChecklistItem): ChecklistItem => ({
  textZh: i.textZh,
  textEn: i.textEn,
  answerType: i.answerType,
  maxScore: i.maxScore,
  passScore: i.passScore,
  weight: i.weight,
  photoOnFail: i.photoOnFail,
  categoryCode: i.categoryCode,
});

/** Edits a point type's checklist; saving makes a new version (planned inspections keep theirs). */
export function ChecklistEditor() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const { message } = App.useApp();
  const client = useQueryClient();
  const types = usePointTypes();
  const [typeId, setTypeId] = useState<number | null>(null);
  const checklist = useChecklist(typeId);
  const [form] = Form.useForm<{ items: ChecklistItem[] }>();
  useEffect(() => {
    if (checklist.data) form.setFieldsValue({ items: checklist.data.items.map(editable) });
  }, [checklist.data, form]);
  const save = useMutation({
    mutationFn: (v: { items: ChecklistItem[] }) =>
      sendData<{ version: number }>('PUT', `/api/inspection-point-types/${typeId}/checklist`, {
        items: v.items.map((i) => ({
          ...editable(i),
          textEn: i.textEn ?? '',
          passScore: i.passScore ?? null,
        })),
      }),
    onSuccess: (saved) => {
      void message.success(t('supAdmin.checklistSaved', { n: saved.version }));
      void client.invalidateQueries({ queryKey: ['checklist', typeId] });
      void client.invalidateQueries({ queryKey: ['inspection-point-types'] });
    },
  });
  const required = [{ required: true, message: t('supAdmin.required') }];
  return (
    <div data-testid="checklist-editor">
      <Space className="checklist-head">
        <label htmlFor="checklist-type">{t('supAdmin.type')}</label>
        <Select
          id="checklist-type"
          style={{ width: 240 }}
          placeholder={t('supAdmin.chooseType')}
          showSearch
          optionFilterProp="label"
          value={typeId ?? undefined}
          onChange={setTypeId}
          data-testid="checklist-type"
          options={(types.data ?? []).map((p) => ({
            value: p.id,
            label: `${p.code} ${en ? p.nameEn : p.nameZh}`,
          }))}
        />
        {typeId !== null && checklist.data && (
          <Typography.Text type="secondary" data-testid="checklist-version">
            {t('supAdmin.version', { n: checklist.data.version })}
          </Typography.Text>
        )}
      </Space>
      {checklist.error && <ErrorAlert error={checklist.error} />}
      {save.error && <ErrorAlert error={save.error} />}
      {typeId !== null && (
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} className="checklist-form">
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <div key={f.key} className="checklist-item" data-testid="checklist-item">
                    <span className="checklist-n">{i + 1}</span>
                    <Form.Item name={[f.name, 'textZh']} label={t('supAdmin.itemText')} rules={required}>
                      <Input.TextArea autoSize maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'textEn']} label={t('supAdmin.itemTextEn')}>
                      <Input maxLength={300} />
                    </Form.Item>
                    <Space wrap align="end">
                      <Form.Item name={[f.name, 'answerType']} label={t('supAdmin.answerType')}>
                        <Select
                          style={{ width: 130 }}
                          options={(['pass_fail', 'score'] as const).map((a) => ({
                            value: a,
                            label: t(`supAdmin.answerTypes.${a}`),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'maxScore']} label={t('supAdmin.maxScore')} rules={required}>
                        <InputNumber min={0.01} max={1000} style={{ width: 80 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'passScore']} label={t('supAdmin.passScore')}>
                        <InputNumber min={0} max={1000} style={{ width: 80 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'weight']} label={t('supAdmin.weight')} rules={required}>
                        <InputNumber min={0.01} max={100} style={{ width: 80 }} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'categoryCode']}
                        label={t('supAdmin.category')}
                        rules={required}
                      >
                        <CategorySelect className="checklist-category" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'photoOnFail']} valuePropName="checked">
                        <Checkbox>{t('supAdmin.photoOnFail')}</Checkbox>
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} danger type="text">
                        {t('supAdmin.removeItem')}
                      </Button>
                    </Space>
                  </div>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ ...NEW_ITEM })}
                  data-testid="checklist-add"
                >
                  {t('supAdmin.addItem')}
                </Button>
              </>
            )}
          </Form.List>
          <div className="checklist-save">
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="checklist-save">
              {t('supAdmin.saveChecklist')}
            </Button>
          </div>
        </Form>
      )}
    </div>
  );
}
