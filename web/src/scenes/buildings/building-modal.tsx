import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { sendData } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { Building } from './buildings-api.ts';

interface Values {
  name: string;
  address: string;
  lng: number;
  lat: number;
}

/** Creates a building (its grid is where it stands) or edits one (it stays in its grid). */
export function BuildingModal({ building, onClose }: { building: Building | 'new'; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = building === 'new' ? null : building;
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { name: v.name, address: v.address, location: { lng: v.lng, lat: v.lat } };
      return editing
        ? sendData('PUT', `/api/buildings/${editing.id}`, body)
        : sendData('POST', '/api/buildings', body);
    },
    onSuccess: () => {
      void message.success(t('bld.saved'));
      void client.invalidateQueries({ queryKey: ['buildings'] });
      onClose();
    },
  });
  const required = [{ required: true, message: t('bld.required') }];
  return (
    <Modal
      open
      title={editing ? t('bld.editBuilding') : t('bld.newBuilding')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      data-testid="building-modal"
    >
      {save.error && <ErrorAlert error={save.error} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? {
                name: editing.name,
                address: editing.address,
                lng: editing.lng ?? undefined,
                lat: editing.lat ?? undefined,
              }
            : {}
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('bld.name')} rules={[...required, { max: 60 }]}>
          <Input placeholder={t('bld.namePlaceholder')} data-testid="building-name" />
        </Form.Item>
        <Form.Item name="address" label={t('bld.address')} rules={[...required, { max: 200 }]}>
          <Input placeholder={t('bld.addressPlaceholder')} data-testid="building-address" />
        </Form.Item>
        <Space>
          <Form.Item name="lng" label={t('bld.lng')} rules={required}>
            <InputNumber
              min={-180}
              max={180}
              step={0.0001}
              style={{ width: 160 }}
              data-testid="building-lng"
            />
          </Form.Item>
          <Form.Item name="lat" label={t('bld.lat')} rules={required}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} data-testid="building-lat" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
