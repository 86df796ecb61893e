import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { NodeDetail } from '../../api/types.ts';
import { showFieldErrors } from '../../components/form-errors.ts';
import { ModalFooter } from '../../components/modal-footer.tsx';
import { type NodeChanges, updateNode } from './org-admin-api.ts';

interface FormValues {
  name: string;
  nameEn?: string;
  validFrom: Dayjs;
  validTo?: Dayjs | null;
}

const DAY = 'YYYY-MM-DD';

/** Only the fields that changed, so an edit never overwrites what someone else changed meanwhile. */
function changesOf(node: NodeDetail, v: FormValues): NodeChanges {
  const out: NodeChanges = {};
  if (v.name.trim() !== node.name) out.name = v.name.trim();
  const nameEn = v.nameEn?.trim() || null;
  if (nameEn !== (node.nameEn ?? null)) out.nameEn = nameEn;
  const from = v.validFrom.format(DAY);
  if (from !== node.validFrom) out.validFrom = from;
  const to = v.validTo ? v.validTo.format(DAY) : null;
  if (to !== node.validTo) out.validTo = to;
  return out;
}

/** Rename a node (Chinese and English) and set its validity; the server's refusals appear beside the fields. */
export function NodeEditModal({ node, onClose }: { node: NodeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const hints = {
    name: t('orgAdmin.nameRule'),
    nameEn: t('orgAdmin.nameEnRule'),
    validFrom: t('orgAdmin.dateRule'),
  };

  const save = useMutation({
    mutationFn: async (v: FormValues) => {
      const changes = changesOf(node, v);
      return Object.keys(changes).length ? updateNode(node.id, changes) : null;
    },
    onMutate: () => setFormError(null),
    onSuccess: (saved) => {
      if (saved) {
        void message.success(t('orgAdmin.saved'));
        void client.invalidateQueries({ queryKey: ['org'] });
      }
      onClose();
    },
    onError: (err) => {
      // validTo carries the server's own sentence (it names how many nodes below stay in force)
      const end =
        err instanceof ApiError ? err.fieldProblems().find((p) => p.field === 'validTo') : undefined;
      if (end) form.setFields([{ name: 'validTo', errors: [end.message] }]);
      else setFormError(showFieldErrors(form, err, hints, t('orgAdmin.fieldInvalid')));
    },
  });

  return (
    <Modal
      open
      title={t('orgAdmin.editTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <ModalFooter
          onCancel={onClose}
          onSave={() => form.submit()}
          saving={save.isPending}
          saveTestId="node-edit-submit"
        />
      }
    >
      {formError && <Alert type="error" showIcon role="alert" title={formError} className="form-alert" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="node-edit-form"
        initialValues={{
          name: node.name,
          nameEn: node.nameEn ?? '',
          validFrom: dayjs(node.validFrom),
          validTo: node.validTo ? dayjs(node.validTo) : null,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          label={t('orgAdmin.name')}
          name="name"
          rules={[{ required: true, whitespace: true, max: 100, message: t('orgAdmin.nameRule') }]}
        >
          <Input data-testid="node-edit-name" />
        </Form.Item>
        <Form.Item
          label={t('orgAdmin.nameEn')}
          name="nameEn"
          rules={[{ max: 100, message: t('orgAdmin.nameEnRule') }]}
        >
          <Input data-testid="node-edit-name-en" />
        </Form.Item>
        <Form.Item
          label={t('orgAdmin.validFrom')}
          name="validFrom"
          rules={[{ required: true, message: t('orgAdmin.dateRule') }]}
        >
          <DatePicker format={DAY} allowClear={false} data-testid="node-edit-valid-from" />
        </Form.Item>
        <Form.Item
          label={t('orgAdmin.validTo')}
          name="validTo"
          extra={t('orgAdmin.validToHelp')}
          dependencies={['validFrom']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | null | undefined) => {
                const from = getFieldValue('validFrom') as Dayjs | undefined;
                return !v || !from || v.isAfter(from, 'day')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('orgAdmin.endBeforeStart')));
              },
            }),
          ]}
        >
          <DatePicker format={DAY} data-testid="node-edit-valid-to" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
