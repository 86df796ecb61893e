import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Form, Input, InputNumber, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { RevokeButton } from '../../components/shown-once.tsx';
import { addRef, type Device, fetchRefs, type PersonRef, removeRef } from './care-devices-api.ts';

/** The opaque person references a device recognises: add one for a person of the community, remove one. */
export function DeviceRefsDrawer({ device, onClose }: { device: Device; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<{ ref: string; personId: number }>();
  const key = ['care-device-refs', device.id];
  const refs = useQuery({ queryKey: key, queryFn: () => fetchRefs(device.id) });
  const refresh = () => void client.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: (v: { ref: string; personId: number }) => addRef(device.id, { ...v, ref: v.ref.trim() }),
    onSuccess: () => {
      form.resetFields();
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: number) => removeRef(device.id, id), onSuccess: refresh });
  return (
    <Drawer open width={560} title={t('careDevices.refTitle', { name: device.name })} onClose={onClose}>
      <Typography.Paragraph type="secondary">{t('careDevices.refIntro')}</Typography.Paragraph>
      {(add.error ?? remove.error ?? refs.error) && (
        <ErrorAlert error={add.error ?? remove.error ?? refs.error} />
      )}
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => add.mutate(v)}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item
          name="ref"
          rules={[
            { required: true, pattern: /^[A-Za-z0-9._:-]{1,64}$/, message: t('careDevices.refPattern') },
          ]}
        >
          <Input placeholder={t('careDevices.ref')} data-testid="ref-input" />
        </Form.Item>
        <Form.Item name="personId" rules={[{ required: true, message: t('careDevices.required') }]}>
          <InputNumber min={1} placeholder={t('careDevices.personId')} data-testid="ref-person" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="ref-add">
          {t('careDevices.addRef')}
        </Button>
      </Form>
      <Table<PersonRef>
        rowKey="id"
        size="small"
        loading={refs.isLoading}
        dataSource={refs.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('careDevices.ref'), dataIndex: 'ref' },
          { title: t('careDevices.personId'), dataIndex: 'personId' },
          { title: t('careDevices.grid'), dataIndex: 'gridName' },
          {
            title: '',
            key: 'remove',
            render: (_: unknown, row) => (
              <RevokeButton
                label={t('careDevices.removeRef')}
                confirm={t('careDevices.removeRefConfirm')}
                testId={`ref-remove-${row.id}`}
                onConfirm={() => remove.mutate(row.id)}
              />
            ),
          },
        ]}
      />
    </Drawer>
  );
}
