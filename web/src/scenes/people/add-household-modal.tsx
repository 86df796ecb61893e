import { useMutation } from '@tanstack/react-query';
import { Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { sendData } from '../../api/client.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { isGridCode, useBuildings } from '../buildings/buildings-api.ts';
import { OrgTreeSelect } from './org-tree-select.tsx';
import { DATE, PersonFields, type PersonFormValues, personBody } from './person-fields.tsx';

interface Values {
  grid?: string;
  buildingId?: number;
  flat: 'existing' | 'new';
  houseId?: number;
  unit?: string;
  floor?: number | null;
  room?: string;
  isRental: boolean;
  contactPhone?: string;
  movedInOn?: string;
  head: PersonFormValues;
}

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Enters a household by hand (登记新住户): grid → building → an empty flat of it or a new flat, the
 * household's contact phone, and its head. Opens the new household's page when saved.
 */
export function AddHouseholdModal(props: { defaultGrid?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const grid = Form.useWatch('grid', form);
  const buildingId = Form.useWatch('buildingId', form);
  const flat = Form.useWatch('flat', form);
  const buildings = useBuildings(grid);
  const building = buildings.data?.find((b) => b.id === buildingId);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const house =
        v.flat === 'existing'
          ? { houseId: v.houseId, isRental: v.isRental }
          : {
              unit: v.unit?.trim() ?? '',
              floor: v.floor ?? null,
              room: v.room?.trim(),
              isRental: v.isRental,
            };
      return sendData<{ householdId: number }>('POST', '/api/households', {
        buildingId: v.buildingId,
        house,
        contactPhone: v.contactPhone?.trim() || null,
        movedInOn: v.movedInOn,
        head: personBody(v.head, false),
      });
    },
    onSuccess: (made) => {
      props.onClose();
      navigate(`/households/${made.householdId}`);
    },
  });

  return (
    <FormModal
      testId="add-household-modal"
      title={t('people.add.householdTitle')}
      width={720}
      onClose={props.onClose}
      onOk={() => form.submit()}
      okText={t('people.add.save')}
      okTestId="household-save"
      saving={save.isPending}
      error={save.error}
      errorTestId="add-problem"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          grid: isGridCode(props.defaultGrid) ? props.defaultGrid : undefined,
          flat: 'new',
          isRental: false,
          movedInOn: today(),
          head: { idType: 'id_card' },
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="grid"
              label={t('people.grid')}
              rules={[
                { required: true },
                {
                  validator: (_, v?: string) =>
                    !v || isGridCode(v)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('people.add.pickGrid'))),
                },
              ]}
            >
              <OrgTreeSelect testId="add-grid" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="buildingId"
              label={t('people.household.building')}
              rules={[{ required: true }]}
              extra={
                isGridCode(grid) && buildings.data?.length === 0 ? t('people.add.noBuildings') : undefined
              }
            >
              <Select
                data-testid="add-building"
                loading={buildings.isLoading}
                disabled={!isGridCode(grid)}
                showSearch
                optionFilterProp="label"
                options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.address }))}
                onChange={() => form.setFieldValue('houseId', undefined)}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="flat" label={t('people.household.house')}>
          <Radio.Group
            options={[
              { value: 'new', label: t('people.add.newFlat') },
              { value: 'existing', label: t('people.add.emptyFlat') },
            ]}
          />
        </Form.Item>
        {flat === 'existing' ? (
          <Form.Item name="houseId" rules={[{ required: true, message: t('people.add.pickFlat') }]}>
            <Select
              data-testid="add-house"
              placeholder={t('people.add.pickFlat')}
              notFoundContent={t('people.add.noEmptyFlat')}
              options={(building?.houses ?? [])
                .filter((h) => !h.occupied)
                .map((h) => ({ value: h.id, label: `${h.unit ? `${h.unit}单元 ` : ''}${h.room}` }))}
            />
          </Form.Item>
        ) : (
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="unit" label={t('people.add.unit')} rules={[{ max: 20 }]}>
                <Input placeholder="1" data-testid="add-unit" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="floor" label={t('people.add.floor')}>
                <InputNumber min={-5} max={200} style={{ width: '100%' }} data-testid="add-floor" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                name="room"
                label={t('people.add.room')}
                rules={[{ required: true, whitespace: true, max: 20 }]}
              >
                <Input placeholder="302" data-testid="add-room" />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="isRental" valuePropName="checked" label=" ">
              <Checkbox data-testid="add-rental">{t('people.household.rental')}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="contactPhone"
              label={t('people.household.contactPhone')}
              extra={t('people.add.contactHint')}
            >
              <Input data-testid="add-contact" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="movedInOn"
              label={t('people.add.movedInOn')}
              rules={[{ required: true, pattern: DATE, message: t('people.add.dateFormat') }]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <div className="people-form-section">{t('people.add.head')}</div>
        <PersonFields prefix={['head']} />
      </Form>
    </FormModal>
  );
}
