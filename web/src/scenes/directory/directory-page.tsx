import { PlusOutlined } from '@ant-design/icons';
import type { DirectoryKind, PublicDirectoryEntry } from '@civicgrid/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, getData, query, sendData } from '../../api/client.ts';
import { useMe, useOrgTree } from '../../api/queries.ts';

type Entry = PublicDirectoryEntry & { orgCode: string };
type FormValues = Omit<Entry, 'id' | 'community' | 'distanceM'>;

/**
 * /directory: the 便民 directory of the communities the user keeps (community staff their own, a street its
 * communities): list, search, add, edit, remove; district staff add kinds. Residents read it on /m/directory.
 */
export function DirectoryPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe();
  const tree = useOrgTree();
  const [kind, setKind] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const [addingKind, setAddingKind] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const [kindForm] = Form.useForm<DirectoryKind>();
  const kinds = useQuery({
    queryKey: ['directory', 'kinds'],
    queryFn: () => getData<DirectoryKind[]>('/api/directory/kinds'),
  });
  const list = useQuery({
    queryKey: ['directory', kind, q],
    queryFn: () => getData<Entry[]>(`/api/directory${query({ kind, q, limit: 500 })}`),
  });
  const communities = (tree.data ?? []).filter((n) => n.level === 'community' && !n.ancestorOnly);
  const kindLabel = (key: string) => {
    const k = kinds.data?.find((x) => x.key === key);
    return k ? (i18n.language === 'en-US' ? k.en : k.zh) : key;
  };
  const open = (e: Entry | 'new') => {
    setEditing(e);
    form.setFieldsValue(
      e === 'new'
        ? {
            orgCode: communities[0]?.code,
            kind: 'housekeeping',
            hours: '',
            phone: '',
            description: '',
            address: '',
          }
        : e,
    );
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      const body = {
        ...v,
        hours: v.hours ?? '',
        phone: v.phone ?? '',
        description: v.description ?? '',
        address: v.address ?? '',
      };
      if (editing === 'new') await sendData('POST', '/api/directory', body);
      else if (editing) await sendData('PUT', `/api/directory/${editing.id}`, body);
      setEditing(null);
      void message.success(t('dir.saved'));
      await qc.invalidateQueries({ queryKey: ['directory'] });
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const remove = async (e: Entry) => {
    try {
      await sendData('DELETE', `/api/directory/${e.id}`);
      await qc.invalidateQueries({ queryKey: ['directory'] });
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const addKind = async () => {
    const v = await kindForm.validateFields();
    try {
      await sendData('POST', '/api/directory/kinds', v);
      setAddingKind(false);
      await qc.invalidateQueries({ queryKey: ['directory', 'kinds'] });
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  return (
    <div data-testid="directory-page">
      <Typography.Title level={4}>{t('dir.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('dir.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder={t('dir.allKinds')}
          aria-label={t('dir.allKinds')}
          style={{ width: 140 }}
          value={kind}
          onChange={setKind}
          options={(kinds.data ?? []).map((k) => ({ value: k.key, label: kindLabel(k.key) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('dir.search')}
          aria-label={t('dir.search')}
          onSearch={setQ}
          style={{ width: 240 }}
        />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => open('new')}
          data-testid="directory-add"
        >
          {t('dir.add')}
        </Button>
        {me.data?.can['org.manage'] && (
          <Button onClick={() => setAddingKind(true)}>{t('dir.addKind')}</Button>
        )}
      </Space>
      {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} />}
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('dir.community'), dataIndex: 'community' },
          { title: t('dir.kind'), dataIndex: 'kind', render: kindLabel },
          { title: t('dir.name'), dataIndex: 'name' },
          { title: t('dir.address'), dataIndex: 'address' },
          { title: t('dir.hours'), dataIndex: 'hours' },
          { title: t('dir.phone'), dataIndex: 'phone' },
          {
            key: 'x',
            render: (_, e) => (
              <Space>
                <Button type="link" onClick={() => open(e)}>
                  {t('dir.edit')}
                </Button>
                <Popconfirm title={t('dir.removeConfirm', { name: e.name })} onConfirm={() => void remove(e)}>
                  <Button type="link" danger>
                    {t('dir.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('dir.add') : t('dir.edit')}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" data-testid="directory-form">
          <Form.Item name="orgCode" label={t('dir.community')} rules={[{ required: true }]}>
            <Select options={communities.map((c) => ({ value: c.code, label: c.name }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('dir.kind')} rules={[{ required: true }]}>
            <Select options={(kinds.data ?? []).map((k) => ({ value: k.key, label: kindLabel(k.key) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('dir.name')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="address" label={t('dir.address')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="lng" label={t('dir.lng')} rules={[{ required: true }]}>
              <InputNumber min={-180} max={180} step={0.0001} />
            </Form.Item>
            <Form.Item name="lat" label={t('dir.lat')} rules={[{ required: true }]}>
              <InputNumber min={-85} max={85} step={0.0001} />
            </Form.Item>
          </Space>
          <Form.Item name="hours" label={t('dir.hours')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('dir.phone')} rules={[{ max: 40, pattern: /^[0-9+() -]*$/ }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('dir.description')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={addingKind}
        title={t('dir.addKind')}
        onOk={() => void addKind()}
        onCancel={() => setAddingKind(false)}
        destroyOnHidden
      >
        <Form form={kindForm} layout="vertical">
          <Form.Item
            name="key"
            label={t('dir.kindKey')}
            rules={[{ required: true, pattern: /^[a-z0-9_-]{1,30}$/ }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="zh" label={t('dir.kindZh')} rules={[{ required: true, max: 20 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="en" label={t('dir.kindEn')} rules={[{ required: true, max: 40 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
