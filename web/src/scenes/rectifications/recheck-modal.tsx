import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Radio, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client.ts';
import type { RectificationRow } from '../../api/inspections.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

interface Values {
  passed: boolean;
  note?: string;
  photos: UploadFile[];
}

/** Records a re-check (复查) with its photos; a pass strikes the row off once its case is closed. */
export function RecheckModal({ row, onClose }: { row: RectificationRow; onClose(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = new FormData();
      body.append('passed', String(v.passed));
      if (v.note) body.append('note', v.note);
      for (const f of v.photos) if (f.originFileObj) body.append('photos', f.originFileObj, f.name);
      return request('POST', `/api/rectifications/${row.id}/recheck`, body);
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['rectifications'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('rect.recheckTitle', { problem: row.itemText ?? row.description })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('rect.save')}
      okButtonProps={{ 'data-testid': 'recheck-save' } as Record<string, string>}
      confirmLoading={save.isPending}
      data-testid="recheck-modal"
    >
      {save.error && <ErrorAlert error={save.error} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ passed: true, photos: [] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="passed" label={t('rect.recheckPassed')}>
          <Radio.Group>
            <Radio value={true} data-testid="recheck-pass">
              {t('rect.passed')}
            </Radio>
            <Radio value={false} data-testid="recheck-fail">
              {t('rect.notPassed')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('rect.note')}>
          <Input.TextArea maxLength={1000} rows={2} data-testid="recheck-note" />
        </Form.Item>
        <Form.Item
          name="photos"
          label={t('rect.photo')}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
          rules={[
            {
              validator: (_, v: UploadFile[]) =>
                v?.length ? Promise.resolve() : Promise.reject(new Error(t('rect.photoRequired'))),
            },
          ]}
        >
          <Upload
            beforeUpload={() => false}
            accept="image/*"
            listType="picture"
            maxCount={3}
            data-testid="recheck-photo"
          >
            <Button icon={<UploadOutlined />}>{t('rect.photo')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
