import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { sendData } from '../../api/client.ts';
import { FormModal, LocationFields, useSaveAndClose } from '../../components/form-modal.tsx';
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
  const [form] = Form.useForm<Values>();
  const editing = building === 'new' ? null : building;
  const save = useSaveAndClose(
    (v: Values) => {
      const body = { name: v.name, address: v.address, location: { lng: v.lng, lat: v.lat } };
      return editing
        ? sendData('PUT', `/api/buildings/${editing.id}`, body)
        : sendData('POST', '/api/buildings', body);
    },
    { saved: t('bld.saved'), refresh: ['buildings'], onClose },
  );
  const required = [{ required: true, message: t('bld.required') }];
  return (
    <FormModal
      title={editing ? t('bld.editBuilding') : t('bld.newBuilding')}
      testId="building-modal"
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
        <LocationFields
          testIdPrefix="building"
          lng={t('bld.lng')}
          lat={t('bld.lat')}
          required={t('bld.required')}
        />
      </Form>
    </FormModal>
  );
}
