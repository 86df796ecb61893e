import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { getData, sendData } from '../../api/client.ts';
import type { InspectionPoint } from '../../api/inspections.ts';
import { useUnits } from '../../api/queries.ts';
import type { User } from '../../api/types.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { usePointTypes } from './supervision-admin-api.ts';

interface Values {
  name: string;
  pointTypeId: number;
  address?: string;
  lng: number;
  lat: number;
  leaderId?: string | null;
  unitId?: number | null;
  active: boolean;
}

/** The people who may be a point's responsible leader: leaders and inspectors the administrator sees. */
function useLeaders(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'point-leaders'],
    enabled,
    queryFn: async () => {
      const pages = await Promise.all(
        ['leader', 'inspector'].map((role) => getData<User[]>(`/api/users?role=${role}&limit=200`)),
      );
      return pages.flat();
    },
  });
}

/** Creates an inspection point or edits one: name, type, place, responsible leader and unit, active. */
export function PointModal({ point, onClose }: { point: InspectionPoint | 'new'; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const { message } = App.useApp();
  const client = useQueryClient();
  const types = usePointTypes();
  const units = useUnits(true).data ?? [];
  const leaders = useLeaders(true).data ?? [];
  const [form] = Form.useForm<Values>();
  const editing = point === 'new' ? null : point;
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name,
        pointTypeId: v.pointTypeId,
        address: v.address || null,
        location: { lng: v.lng, lat: v.lat },
        leaderId: v.leaderId ?? null,
        unitId: v.unitId ?? null,
        active: v.active,
      };
      return editing
        ? sendData('PUT', `/api/inspection-points/${editing.id}`, body)
        : sendData('POST', '/api/inspection-points', body);
    },
    onSuccess: () => {
      void message.success(t('supAdmin.pointSaved'));
      void client.invalidateQueries({ queryKey: ['inspection-points'] });
      onClose();
    },
  });
  const required = [{ required: true, message: t('supAdmin.required') }];
  return (
    <Modal
      open
      title={editing ? t('supAdmin.editPoint') : t('supAdmin.newPoint')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      data-testid="point-modal"
    >
      {save.error && <ErrorAlert error={save.error} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? { ...editing, address: editing.address ?? undefined }
            : { active: true, lng: undefined, lat: undefined }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('supAdmin.name')} rules={[...required, { max: 100 }]}>
          <Input data-testid="point-name" />
        </Form.Item>
        <Form.Item name="pointTypeId" label={t('supAdmin.type')} rules={required}>
          <Select
            showSearch
            optionFilterProp="label"
            data-testid="point-type"
            options={(types.data ?? []).map((p) => ({ value: p.id, label: en ? p.nameEn : p.nameZh }))}
          />
        </Form.Item>
        <Form.Item name="address" label={t('supAdmin.address')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Space>
          <Form.Item name="lng" label={t('supAdmin.lng')} rules={required}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} data-testid="point-lng" />
          </Form.Item>
          <Form.Item name="lat" label={t('supAdmin.lat')} rules={required}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} data-testid="point-lat" />
          </Form.Item>
        </Space>
        <Form.Item name="leaderId" label={t('supAdmin.leader')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            data-testid="point-leader"
            options={leaders.map((u) => ({ value: u.id, label: u.displayName }))}
          />
        </Form.Item>
        <Form.Item name="unitId" label={t('supAdmin.unit')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t('supAdmin.active')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
