import { useQuery } from '@tanstack/react-query';
import { Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { getData, sendData } from '../../api/client.ts';
import type { InspectionPoint } from '../../api/inspections.ts';
import { useUnits } from '../../api/queries.ts';
import type { User } from '../../api/types.ts';
import { FormModal, LocationFields, useSaveAndClose } from '../../components/form-modal.tsx';
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
  const types = usePointTypes();
  const units = useUnits(true).data ?? [];
  const leaders = useLeaders(true).data ?? [];
  const [form] = Form.useForm<Values>();
  const editing = point === 'new' ? null : point;
  const save = useSaveAndClose(
    (v: Values) => {
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
    { saved: t('supAdmin.pointSaved'), refresh: ['inspection-points'], onClose },
  );
  const required = [{ required: true, message: t('supAdmin.required') }];
  return (
    <FormModal
      title={editing ? t('supAdmin.editPoint') : t('supAdmin.newPoint')}
      testId="point-modal"
      saving={save.isPending}
      error={save.error}
      onOk={() => form.submit()}
      onClose={onClose}
    >
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
        <LocationFields
          testIdPrefix="point"
          lng={t('supAdmin.lng')}
          lat={t('supAdmin.lat')}
          required={t('supAdmin.required')}
        />
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
    </FormModal>
  );
}
