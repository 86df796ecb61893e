import { DEVICE_KINDS } from '@civicgrid/shared';
import { useMutation } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { OrgTreeSelect } from '../people/org-tree-select.tsx';
import { createDevice, type Device, type DeviceForm, editDevice } from './care-devices-api.ts';

/** Registers a device (device null) or edits one: kind and area are fixed once registered. */
export function DeviceFormModal({
  device,
  onClose,
  onSaved,
}: {
  device: Device | null;
  onClose: () => void;
  onSaved: (d: Device & { key?: string }) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DeviceForm>();
  // a community or street office registers in its own area unless it picks another node of it
  const home = useMe().data?.grants.find((g) => g.scopeLevel && g.scopeLevel !== 'district')?.scopeCode;
  const save = useMutation({
    mutationFn: (v: DeviceForm) => {
      const common = {
        name: v.name.trim(),
        location: v.location?.trim() ?? '',
        owner: v.owner?.trim() ?? '',
        refGroup: v.refGroup?.trim() || null,
        heartbeatSeconds: v.heartbeatSeconds ?? 300,
      };
      return device
        ? editDevice(device.id, common as Omit<DeviceForm, 'kind' | 'org'>)
        : createDevice({ ...common, kind: v.kind, org: v.org } as DeviceForm);
    },
    onSuccess: onSaved,
  });
  const required = [{ required: true, message: t('careDevices.required') }];
  return (
    <Modal
      open
      title={device ? `${t('careDevices.edit')} · ${device.name}` : t('careDevices.create')}
      okText={t('careDevices.save')}
      cancelText={t('careDevices.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'device-save' } as Record<string, string>}
    >
      {save.error && <ErrorAlert error={save.error} />}
      <Form<DeviceForm>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          device
            ? {
                name: device.name,
                location: device.location,
                owner: device.owner,
                refGroup: device.refGroup ?? '',
                heartbeatSeconds: device.heartbeatSeconds,
              }
            : { kind: 'gate', heartbeatSeconds: 300, org: home ?? undefined }
        }
      >
        {!device && (
          <>
            <Form.Item name="kind" label={t('careDevices.kind')} rules={required}>
              <Select
                data-testid="device-kind"
                options={DEVICE_KINDS.map((k) => ({ value: k, label: t(`careDevices.kinds.${k}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="org"
              label={t('careDevices.area')}
              rules={required}
              help={t('careDevices.areaHelp')}
            >
              <OrgTreeSelect testId="device-form-org" />
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('careDevices.name')} rules={required}>
          <Input maxLength={60} data-testid="device-name" />
        </Form.Item>
        <Form.Item name="location" label={t('careDevices.location')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="owner" label={t('careDevices.owner')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="refGroup" label={t('careDevices.refGroup')} extra={t('careDevices.refGroupHelp')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="heartbeatSeconds" label={t('careDevices.heartbeat')}>
          <InputNumber min={30} max={604800} step={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
