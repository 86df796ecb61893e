import { type Category, type CategoryLimits, URGENCIES } from '@civicgrid/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Modal, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changedFields } from '../../components/changed-fields.ts';
import { showFieldErrors } from '../../components/form-errors.ts';
import { ModalFooter } from '../../components/modal-footer.tsx';
import { type CategoryChanges, createCategory, updateCategory } from './categories-api.ts';
import { LimitField } from './limit-field.tsx';
import {
  fromQuestionValues,
  QuestionFields,
  type QuestionValues,
  toQuestionValues,
} from './question-fields.tsx';

interface FormValues {
  parentCode?: string;
  nameZh: string;
  nameEn: string;
  limits?: CategoryLimits;
  duplicateRadiusM?: number;
  sort?: number;
  active?: boolean;
  filingCriteria?: string;
  closingCriteria?: string;
  questions?: QuestionValues[];
}

const DEFAULT_LIMITS: CategoryLimits = {
  normal: { value: 5, unit: 'day' },
  urgent: { value: 1, unit: 'day' },
  critical: { value: 2, unit: 'hour' },
};

const textOrNull = (v: string | undefined) => v?.trim() || null;

/** Everything the form says, in the API's shape. */
function bodyOf(v: FormValues, sub: boolean): CategoryChanges {
  return {
    nameZh: v.nameZh.trim(),
    nameEn: v.nameEn.trim(),
    ...(sub && v.limits ? { limits: v.limits } : {}),
    ...(sub
      ? { duplicateRadiusM: v.duplicateRadiusM ?? 0, questions: (v.questions ?? []).map(fromQuestionValues) }
      : {}),
    sort: v.sort ?? 0,
    active: Boolean(v.active),
    filingCriteria: textOrNull(v.filingCriteria),
    closingCriteria: textOrNull(v.closingCriteria),
  };
}

/** Create a sub-category (category = null) or edit any category; refusals appear beside their fields. */
export function CategoryFormModal({
  category,
  parents,
  onClose,
  onSaved,
}: {
  category: Category | null;
  parents: Category[];
  onClose: () => void;
  onSaved: (c: Category) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const creating = category === null;
  const sub = creating || category.parentCode !== null;
  const zh = i18n.language.startsWith('zh');

  const save = useMutation({
    mutationFn: async (v: FormValues): Promise<Category | null> => {
      const body = bodyOf(v, sub);
      if (creating) {
        return createCategory({
          ...body,
          parentCode: v.parentCode ?? '',
          nameZh: body.nameZh ?? '',
          nameEn: body.nameEn ?? '',
          limits: body.limits ?? DEFAULT_LIMITS,
        });
      }
      const changes = changedFields(category, body);
      return Object.keys(changes).length ? updateCategory(category.code, changes) : null;
    },
    onMutate: () => setFormError(null),
    onSuccess: (saved) => {
      if (saved) onSaved(saved);
      onClose();
    },
    onError: (err) =>
      setFormError(
        showFieldErrors(
          form,
          err,
          { nameZh: t('admin.categories.nameRule'), nameEn: t('admin.categories.nameRule') },
          t('admin.categories.fieldInvalid'),
        ),
      ),
  });

  const initial: FormValues = category
    ? {
        nameZh: category.nameZh,
        nameEn: category.nameEn,
        limits: category.limits,
        duplicateRadiusM: category.duplicateRadiusM,
        sort: category.sort,
        active: category.active,
        filingCriteria: category.filingCriteria ?? '',
        closingCriteria: category.closingCriteria ?? '',
        questions: category.questions.map(toQuestionValues),
      }
    : {
        nameZh: '',
        nameEn: '',
        limits: DEFAULT_LIMITS,
        duplicateRadiusM: 50,
        sort: 0,
        active: true,
        questions: [],
      };

  return (
    <Modal
      open
      width={720}
      title={
        creating
          ? t('admin.categories.createTitle')
          : t('admin.categories.editTitle', { code: category.code })
      }
      onCancel={onClose}
      destroyOnHidden
      footer={
        <ModalFooter
          onCancel={onClose}
          onSave={() => form.submit()}
          saving={save.isPending}
          saveTestId="category-form-submit"
        />
      }
    >
      {formError && <Alert type="error" showIcon role="alert" title={formError} className="form-alert" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="category-form"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
      >
        {creating && (
          <Form.Item
            label={t('admin.categories.parent')}
            name="parentCode"
            rules={[{ required: true, message: t('admin.categories.parentRequired') }]}
          >
            <Select
              data-testid="category-form-parent"
              options={parents.map((p) => ({
                value: p.code,
                label: `${p.code} ${zh ? p.nameZh : p.nameEn}`,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          label={t('admin.categories.nameZh')}
          name="nameZh"
          rules={[{ required: true, whitespace: true, max: 50, message: t('admin.categories.nameRule') }]}
        >
          <Input data-testid="category-form-name-zh" />
        </Form.Item>
        <Form.Item
          label={t('admin.categories.nameEn')}
          name="nameEn"
          rules={[{ required: true, whitespace: true, max: 100, message: t('admin.categories.nameRule') }]}
        >
          <Input data-testid="category-form-name-en" />
        </Form.Item>
        {sub ? (
          <>
            {URGENCIES.map((u) => (
              <LimitField
                key={u}
                name={['limits', u]}
                testId={`limit-${u}`}
                label={t('admin.categories.limitValue', { urgency: t(`admin.categories.urgency.${u}`) })}
              />
            ))}
            <Form.Item
              label={t('admin.categories.radiusLabel')}
              name="duplicateRadiusM"
              extra={t('admin.categories.radiusHelp')}
              rules={[
                {
                  required: true,
                  type: 'integer',
                  min: 0,
                  max: 5000,
                  message: t('admin.categories.radiusRule'),
                },
              ]}
            >
              <InputNumber min={0} max={5000} precision={0} data-testid="category-form-radius" />
            </Form.Item>
          </>
        ) : (
          <Typography.Paragraph type="secondary">{t('admin.categories.topLevelNote')}</Typography.Paragraph>
        )}
        <Form.Item
          label={t('admin.categories.sort')}
          name="sort"
          rules={[{ type: 'integer', min: 0, max: 9999, message: t('admin.categories.sortRule') }]}
        >
          <InputNumber min={0} max={9999} precision={0} />
        </Form.Item>
        <Form.Item
          label={t('admin.categories.filingCriteria')}
          name="filingCriteria"
          rules={[{ max: 500, message: t('admin.categories.criteriaRule') }]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item
          label={t('admin.categories.closingCriteria')}
          name="closingCriteria"
          rules={[{ max: 500, message: t('admin.categories.criteriaRule') }]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item label={t('admin.categories.activeLabel')} name="active" valuePropName="checked">
          <Switch data-testid="category-form-active" />
        </Form.Item>
        {sub && (
          <Form.Item label={t('admin.categories.questionsLabel')}>
            <QuestionFields />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
