import type { PersonView } from '@civicgrid/shared';
import { Alert, type ButtonProps, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client.ts';
import { moveOutPerson } from '../../api/people.ts';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Records that a resident moved out (迁出) or died (注销); the person stays in the household's history. */
export function MoveOutModal(props: { person: PersonView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: 'move_out' | 'deceased'; on: string; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Modal
      open
      title={`${t('people.moveOut.title')} · ${props.person.name}`}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('people.moveOut.confirm')}
      okButtonProps={{ danger: true, 'data-testid': 'move-confirm' } as ButtonProps}
      confirmLoading={busy}
      destroyOnHidden
    >
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'move_out', on: today() }}
        onFinish={async (v) => {
          setBusy(true);
          try {
            await moveOutPerson(props.person.id, { ...v, note: v.note?.trim() || undefined });
            props.onDone();
            props.onClose();
          } catch (err) {
            setProblem((err as ApiError).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="kind" label={t('people.moveOut.kind')}>
          <Radio.Group
            options={[
              { value: 'move_out', label: t('people.moveOut.moveOut') },
              { value: 'deceased', label: t('people.moveOut.deceased') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="on"
          label={t('people.moveOut.on')}
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="note" label={t('people.moveOut.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
