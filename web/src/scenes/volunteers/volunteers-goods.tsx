import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, message, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, sendData } from '../../api/client.ts';
import { type GoodsItem, useVolunteerList, type VolunteerItem } from '../../api/volunteers.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { Root } from './volunteers-page.tsx';
import { AreaSelect } from './volunteers-shared.tsx';

/** The 爱心超市: goods with their price in points and stock, and handing goods to a volunteer. */
export function GoodsTab({ root }: { root: Root }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const goods = useVolunteerList<GoodsItem>('/goods');
  const volunteers = useVolunteerList<VolunteerItem>('', { limit: 500 });
  const send = async (path: string, body: unknown, done: string) => {
    try {
      await sendData('POST', path, body);
      message.success(t(done));
      await qc.invalidateQueries({ queryKey: ['volunteers'] });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <>
      <h3>{t('vol.redeem')}</h3>
      <Form
        layout="inline"
        className="vol-toolbar"
        onFinish={(f) => void send('/api/volunteers/redemptions', f, 'vol.redeemed')}
        initialValues={{ quantity: 1 }}
      >
        <Form.Item name="volunteerId" rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('vol.name')}
            style={{ width: 200 }}
            options={(volunteers.data ?? []).map((v) => ({ value: v.id, label: `${v.name}（${v.points}）` }))}
          />
        </Form.Item>
        <Form.Item name="goodsId" rules={[{ required: true }]}>
          <Select
            placeholder={t('vol.goods')}
            style={{ width: 200 }}
            options={(goods.data ?? []).map((g) => ({ value: g.id, label: `${g.name}（${g.points}）` }))}
          />
        </Form.Item>
        <Form.Item name="quantity" rules={[{ required: true }]}>
          <InputNumber min={1} max={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('vol.redeem')}
        </Button>
      </Form>
      <h3>{t('vol.shelf')}</h3>
      <Form
        layout="inline"
        className="vol-toolbar"
        onFinish={(f) => void send('/api/volunteers/goods', f, 'vol.saved')}
        initialValues={{ orgCode: root.code }}
      >
        <Form.Item name="orgCode" rules={[{ required: true }]}>
          <AreaSelect root={root} />
        </Form.Item>
        <Form.Item name="name" rules={[{ required: true }]}>
          <Input placeholder={t('vol.goods')} />
        </Form.Item>
        <Form.Item name="points" rules={[{ required: true }]}>
          <InputNumber min={1} placeholder={t('vol.price')} />
        </Form.Item>
        <Form.Item name="stock" rules={[{ required: true }]}>
          <InputNumber min={0} placeholder={t('vol.stock')} />
        </Form.Item>
        <Button htmlType="submit">{t('vol.addGoods')}</Button>
      </Form>
      {goods.error && <ErrorAlert error={goods.error} />}
      <Table
        rowKey="id"
        loading={goods.isPending}
        dataSource={goods.data ?? []}
        columns={[
          { title: t('vol.goods'), dataIndex: 'name' },
          { title: t('vol.price'), dataIndex: 'points', align: 'right' },
          { title: t('vol.stock'), dataIndex: 'stock', align: 'right' },
        ]}
      />
    </>
  );
}
