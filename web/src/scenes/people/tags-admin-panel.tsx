import { PlusOutlined } from '@ant-design/icons';
import { type ArchiveTagAdminView, SENSITIVE_TAGS } from '@civicgrid/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Form,
  Input,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getData, refusalText, sendData } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FormModal } from '../../components/form-modal.tsx';

interface Values {
  name: string;
  nameEn?: string;
  sensitive: boolean;
}

const isLockedSensitive = (tag: ArchiveTagAdminView) =>
  (SENSITIVE_TAGS as readonly string[]).includes(tag.name);

/**
 * Tag administration (标签管理, district administrators): add tags, rename them in Chinese and English, mark
 * them sensitive, retire and restore them. Seeded tags keep their Chinese name and are never retired; the
 * computed ones (80岁以上, 流动人口) are shown but not editable. Every change is audited by the server.
 */
export function TagsAdminPanel() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['people', 'tags', 'admin'],
    queryFn: () => getData<ArchiveTagAdminView[]>('/api/people/tags/admin'),
  });
  const [editing, setEditing] = useState<ArchiveTagAdminView | 'new' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: ['people', 'tags'] });
  const setRetired = async (tag: ArchiveTagAdminView, retired: boolean) => {
    setProblem(null);
    try {
      await sendData('PATCH', `/api/people/tags/${tag.id}`, { retired });
      refresh();
    } catch (err) {
      setProblem(refusalText(err));
    }
  };

  const columns: TableColumnsType<ArchiveTagAdminView> = [
    {
      title: t('people.tagAdmin.name'),
      dataIndex: 'name',
      render: (v: string, tag) => (tag.retired ? <Typography.Text delete>{v}</Typography.Text> : v),
    },
    { title: t('people.tagAdmin.nameEn'), dataIndex: 'nameEn', render: (v) => v ?? '—' },
    {
      title: t('people.tagAdmin.kind'),
      key: 'kind',
      render: (_: unknown, tag) =>
        tag.derived ? (
          <Tag color="blue">{t('people.tagAdmin.derived')}</Tag>
        ) : tag.seeded ? (
          <Tag>{t('people.tagAdmin.seeded')}</Tag>
        ) : (
          <Tag color="purple">{t('people.tagAdmin.custom')}</Tag>
        ),
    },
    {
      title: t('people.tagAdmin.sensitive'),
      dataIndex: 'sensitive',
      render: (v: boolean) => (v ? <Tag color="orange">{t('people.tags.sensitive')}</Tag> : '—'),
    },
    {
      title: t('people.tagAdmin.assigned'),
      dataIndex: 'assigned',
      align: 'right',
      render: (v: number | null) => v ?? '—',
    },
    {
      title: t('people.tagAdmin.state'),
      dataIndex: 'retired',
      render: (v: boolean) =>
        v ? (
          <Tag>{t('people.tagAdmin.retired')}</Tag>
        ) : (
          <Tag color="green">{t('people.tagAdmin.active')}</Tag>
        ),
    },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, tag) =>
        tag.derived ? (
          <Typography.Text type="secondary">{t('people.tagAdmin.notEditable')}</Typography.Text>
        ) : (
          <Space size={4}>
            <Button size="small" onClick={() => setEditing(tag)} data-testid={`tag-edit-${tag.id}`}>
              {t('people.actions.edit')}
            </Button>
            {tag.seeded ? null : tag.retired ? (
              <Button
                size="small"
                onClick={() => void setRetired(tag, false)}
                data-testid={`tag-restore-${tag.id}`}
              >
                {t('people.tagAdmin.restore')}
              </Button>
            ) : (
              <Button
                size="small"
                danger
                onClick={() => void setRetired(tag, true)}
                data-testid={`tag-retire-${tag.id}`}
              >
                {t('people.tagAdmin.retire')}
              </Button>
            )}
          </Space>
        ),
    },
  ];

  return (
    <div data-testid="tags-admin">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">{t('people.tagAdmin.intro')}</Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-testid="tag-add"
        >
          {t('people.tagAdmin.add')}
        </Button>
      </Space>
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} /> : null}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<ArchiveTagAdminView>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="tags-table"
      />
      {editing ? (
        <TagModal
          tag={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      ) : null}
    </div>
  );
}

/** Adds a tag, or edits one: a seeded tag's Chinese name and a vulnerable group's sensitivity stay. */
function TagModal(props: { tag: ArchiveTagAdminView | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const tag = props.tag;
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { name: v.name.trim(), nameEn: v.nameEn?.trim() || null, sensitive: v.sensitive };
      return tag
        ? sendData('PATCH', `/api/people/tags/${tag.id}`, body)
        : sendData('POST', '/api/people/tags', body);
    },
    onSuccess: () => {
      props.onSaved();
      props.onClose();
    },
  });
  return (
    <FormModal
      testId="tag-modal"
      title={tag ? `${t('people.tagAdmin.edit')} · ${tag.name}` : t('people.tagAdmin.add')}
      onClose={props.onClose}
      onOk={() => form.submit()}
      okText={t('people.add.save')}
      okTestId="tag-save"
      saving={save.isPending}
      error={save.error}
      errorTestId="tag-problem"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          name: tag?.name ?? '',
          nameEn: tag?.nameEn ?? '',
          sensitive: tag?.sensitive ?? false,
        }}
      >
        <Form.Item
          name="name"
          label={t('people.tagAdmin.name')}
          rules={[{ required: true, whitespace: true, max: 20 }]}
          extra={tag?.seeded ? t('people.tagAdmin.seededHint') : undefined}
        >
          <Input disabled={tag?.seeded} data-testid="tag-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('people.tagAdmin.nameEn')} rules={[{ max: 60 }]}>
          <Input data-testid="tag-name-en" />
        </Form.Item>
        <Form.Item
          name="sensitive"
          valuePropName="checked"
          extra={
            tag && isLockedSensitive(tag)
              ? t('people.tagAdmin.sensitiveLocked')
              : t('people.tagAdmin.sensitiveHint')
          }
        >
          <Checkbox disabled={!!tag && isLockedSensitive(tag)} data-testid="tag-sensitive">
            {t('people.tagAdmin.sensitive')}
          </Checkbox>
        </Form.Item>
      </Form>
    </FormModal>
  );
}
