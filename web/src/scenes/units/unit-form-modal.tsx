import type { Category } from '@civicgrid/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitDetail } from '../../api/case-types.ts';
import type { OrgNode } from '../../api/types.ts';
import { changedFields } from '../../components/changed-fields.ts';
import { showFieldErrors } from '../../components/form-errors.ts';
import { ModalFooter } from '../../components/modal-footer.tsx';
import { createUnit, UNIT_TYPES, type UnitFields, updateUnit } from './units-api.ts';

type FormValues = UnitFields & { code?: string };

const PHONE = /^[0-9+\- ]{3,20}$/;

/** Create (unit = null) or edit a responsible unit: name, type, phone, the categories and streets it handles. */
export function UnitFormModal({
  unit,
  categories,
  streets,
  onClose,
  onSaved,
}: {
  unit: UnitDetail | null;
  categories: Category[];
  streets: OrgNode[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const zh = i18n.language.startsWith('zh');
  const creating = unit === null;

  const save = useMutation({
    mutationFn: async (v: FormValues) => {
      const fields: UnitFields = {
        name: v.name.trim(),
        nameEn: v.nameEn?.trim() || null,
        type: v.type,
        phone: v.phone?.trim() || null,
        categories: v.categories ?? [],
        streetIds: v.streetIds ?? [],
      };
      if (creating) return createUnit({ ...fields, code: (v.code ?? '').trim() });
      const changes = changedFields(unit, fields);
      return Object.keys(changes).length ? updateUnit(unit.id, changes) : null;
    },
    onMutate: () => setFormError(null),
    onSuccess: () => {
      onSaved();
      onClose();
    },
    onError: (err) =>
      setFormError(
        showFieldErrors(
          form,
          err,
          {
            code: t('admin.units.codeRule'),
            name: t('admin.units.nameRule'),
            phone: t('admin.units.phoneRule'),
          },
          t('admin.categories.fieldInvalid'),
        ),
      ),
  });

  return (
    <Modal
      open
      width={640}
      title={creating ? t('admin.units.create') : t('admin.units.editTitle', { name: unit.name })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <ModalFooter
          onCancel={onClose}
          onSave={() => form.submit()}
          saving={save.isPending}
          saveTestId="unit-form-submit"
        />
      }
    >
      {formError && <Alert type="error" showIcon role="alert" title={formError} className="form-alert" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="unit-form"
        initialValues={
          unit
            ? { ...unit, phone: unit.phone ?? '', nameEn: unit.nameEn ?? '' }
            : { type: 'department', categories: [], streetIds: [] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        {creating && (
          <Form.Item
            label={t('admin.units.code')}
            name="code"
            extra={t('admin.units.codeRule')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{2,32}$/, message: t('admin.units.codeRule') }]}
          >
            <Input autoComplete="off" data-testid="unit-form-code" />
          </Form.Item>
        )}
        <Form.Item
          label={t('admin.units.name')}
          name="name"
          rules={[{ required: true, whitespace: true, max: 100, message: t('admin.units.nameRule') }]}
        >
          <Input data-testid="unit-form-name" />
        </Form.Item>
        <Form.Item
          label={t('admin.units.nameEn')}
          name="nameEn"
          rules={[{ max: 100, message: t('admin.units.nameRule') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label={t('admin.units.type')} name="type">
          <Select options={UNIT_TYPES.map((v) => ({ value: v, label: t(`admin.units.types.${v}`) }))} />
        </Form.Item>
        <Form.Item
          label={t('admin.units.phone')}
          name="phone"
          rules={[{ pattern: PHONE, message: t('admin.units.phoneRule') }]}
        >
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item
          label={t('admin.units.categories')}
          name="categories"
          extra={t('admin.units.categoriesHelp')}
        >
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="unit-form-categories"
            options={categories.map((c) => ({
              value: c.code,
              label: `${c.code} ${zh ? c.nameZh : c.nameEn}`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('admin.units.streets')} name="streetIds" extra={t('admin.units.streetsHelp')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="unit-form-streets"
            options={streets.map((s) => ({ value: s.id, label: zh ? s.name : (s.nameEn ?? s.name) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
