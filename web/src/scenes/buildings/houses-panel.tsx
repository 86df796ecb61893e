import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, InputNumber, Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { sendData } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { Building, House } from './buildings-api.ts';

interface Values {
  unit?: string;
  floor?: number | null;
  room: string;
  isRental?: boolean;
}

/** The flats of a building and a one-line form to add one. */
export function HousesPanel({ building }: { building: Building }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const add = useMutation({
    mutationFn: (v: Values) =>
      sendData('POST', `/api/buildings/${building.id}/houses`, {
        unit: v.unit?.trim() ?? '',
        floor: v.floor ?? null,
        room: v.room.trim(),
        isRental: v.isRental ?? false,
      }),
    onSuccess: () => {
      void message.success(t('bld.houseAdded'));
      void client.invalidateQueries({ queryKey: ['buildings'] });
      form.resetFields();
    },
  });
  const columns: TableColumnsType<House> = [
    { title: t('bld.unit'), dataIndex: 'unit', render: (v: string) => v || '—' },
    { title: t('bld.floor'), dataIndex: 'floor', render: (v: number | null) => v ?? '—' },
    { title: t('bld.room'), dataIndex: 'room' },
    {
      title: '',
      key: 'tags',
      render: (_v, h) => (
        <>
          {h.isRental ? <Tag color="orange">{t('bld.rental')}</Tag> : null}
          {h.occupied ? <Tag color="green">{t('bld.occupied')}</Tag> : <Tag>{t('bld.vacant')}</Tag>}
        </>
      ),
    },
  ];
  return (
    <div className="houses-panel" data-testid={`houses-${building.id}`}>
      <Table<House>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={building.houses}
        pagination={building.houses.length > 20 ? { pageSize: 20 } : false}
      />
      {add.error && <ErrorAlert error={add.error} />}
      <Form<Values> form={form} layout="inline" onFinish={(v) => add.mutate(v)} className="house-form">
        <Form.Item name="unit" label={t('bld.unit')}>
          <Input style={{ width: 70 }} maxLength={20} data-testid="house-unit" />
        </Form.Item>
        <Form.Item name="floor" label={t('bld.floor')}>
          <InputNumber min={-5} max={200} precision={0} style={{ width: 70 }} data-testid="house-floor" />
        </Form.Item>
        <Form.Item name="room" label={t('bld.room')} rules={[{ required: true, message: t('bld.required') }]}>
          <Input style={{ width: 90 }} maxLength={20} data-testid="house-room" />
        </Form.Item>
        <Form.Item name="isRental" valuePropName="checked">
          <Checkbox>{t('bld.rental')}</Checkbox>
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending} data-testid="house-add">
          {t('bld.addHouse')}
        </Button>
      </Form>
    </div>
  );
}
