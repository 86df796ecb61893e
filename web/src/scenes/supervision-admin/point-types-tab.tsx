import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendData } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FormModal, useSaveAndClose } from '../../components/form-modal.tsx';
import { type PointType, usePointTypes } from './supervision-admin-api.ts';

interface Values {
  nameZh: string;
  nameEn: string;
  active?: boolean;
  checklistFrom?: number;
}

/** Names a new point type (its checklist copied from another's) or renames one / takes it out of use. */
function PointTypeModal({ type, onClose }: { type: PointType | 'new'; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const types = usePointTypes();
  const [form] = Form.useForm<Values>();
  const editing = type === 'new' ? null : type;
  const save = useSaveAndClose(
    (v: Values) =>
      editing
        ? sendData('PATCH', `/api/inspection-point-types/${editing.id}`, {
            nameZh: v.nameZh,
            nameEn: v.nameEn,
            active: v.active,
          })
        : sendData('POST', '/api/inspection-point-types', {
            nameZh: v.nameZh,
            nameEn: v.nameEn,
            checklistFrom: v.checklistFrom,
          }),
    { saved: t('pointTypes.saved'), refresh: ['inspection-point-types'], onClose },
  );
  const name = (max: number) => [
    { required: true, whitespace: true, max, message: t('pointTypes.nameRule') },
  ];
  return (
    <FormModal
      title={editing ? t('pointTypes.editTitle') : t('pointTypes.newTitle')}
      testId="point-type-modal"
      saving={save.isPending}
      error={save.error}
      onOk={() => form.submit()}
      onClose={onClose}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={editing ?? { active: true }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="nameZh" label={t('pointTypes.nameZh')} rules={name(50)}>
          <Input data-testid="point-type-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('pointTypes.nameEn')} rules={name(100)}>
          <Input data-testid="point-type-name-en" />
        </Form.Item>
        {editing ? (
          <Form.Item name="active" label={t('supAdmin.active')} valuePropName="checked">
            <Switch data-testid="point-type-active" />
          </Form.Item>
        ) : (
          <Form.Item
            name="checklistFrom"
            label={t('pointTypes.checklistFrom')}
            extra={t('pointTypes.checklistFromHelp')}
            rules={[{ required: true, message: t('supAdmin.required') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="point-type-from"
              options={(types.data ?? []).map((p) => ({
                value: p.id,
                label: `${p.code} ${en ? p.nameEn : p.nameZh}`,
              }))}
            />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}

/** The point types of the 测评体系 and the district's own, with their names editable and new ones added. */
export function PointTypesTab() {
  const { t } = useTranslation();
  const types = usePointTypes();
  const [editing, setEditing] = useState<PointType | 'new' | null>(null);
  const columns: TableColumnsType<PointType> = [
    { title: t('pointTypes.code'), dataIndex: 'code', width: 80 },
    { title: t('pointTypes.nameZh'), dataIndex: 'nameZh' },
    { title: t('pointTypes.nameEn'), dataIndex: 'nameEn' },
    {
      title: t('pointTypes.version'),
      key: 'version',
      render: (_v, p) => t('pointTypes.versionN', { n: p.currentVersion, items: p.itemCount }),
    },
    {
      title: t('supAdmin.active'),
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) =>
        v ? <Tag color="green">{t('supAdmin.active')}</Tag> : <Tag>{t('supAdmin.inactive')}</Tag>,
    },
    {
      title: '',
      key: 'edit',
      width: 80,
      render: (_v, p) => (
        <Button size="small" onClick={() => setEditing(p)} data-testid={`point-type-edit-${p.code}`}>
          {t('supAdmin.edit')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('pointTypes.intro')}</Typography.Paragraph>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setEditing('new')}
        className="setup-new"
        data-testid="point-type-new"
      >
        {t('pointTypes.add')}
      </Button>
      {types.error && <ErrorAlert error={types.error} />}
      <Table<PointType>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={types.data ?? []}
        loading={types.isPending}
        pagination={false}
        data-testid="point-types-table"
      />
      {editing && <PointTypeModal type={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
