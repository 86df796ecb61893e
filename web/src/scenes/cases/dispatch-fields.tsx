import { URGENCIES, type Urgency } from '@civicgrid/shared';
import { Alert, Form, Input, Select, Skeleton } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/case-types.ts';
import { useCategory, useDeadlinePreview, useUnitList } from '../../api/cases.ts';
import { useOrgTree } from '../../api/queries.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { suggestUnits, unitOptions } from './unit-suggestions.ts';

/** "2 个工作日" / "4 working hours". */
function limitText(limit: { value: number; unit: 'hour' | 'day' }, t: TFunction) {
  return t(limit.unit === 'day' ? 'dispatch.workingDays' : 'dispatch.workingHours', { count: limit.value });
}

/**
 * The dispatch form: the unit (those owning the case's category — exact sub-category first, limited to
 * their streets — are suggested and the first is preselected), urgency, note, and a preview of the disposal
 * deadline on the working calendar for the chosen urgency.
 */
export function DispatchFields({ caseData }: { caseData: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const form = Form.useFormInstance();
  const all = useUnitList();
  const owning = useUnitList(caseData.categoryCode);
  const tree = useOrgTree();
  const category = useCategory(caseData.categoryCode);
  const urgency: Urgency = Form.useWatch('urgency', form) ?? caseData.urgency;
  const limit = category.data?.limits[urgency];
  const preview = useDeadlinePreview(limit);

  const streetId = tree.data?.find((n) => n.code === caseData.orgCode.slice(0, 9))?.id ?? null;
  const suggested = useMemo(
    () => suggestUnits(owning.data ?? [], caseData.categoryCode, streetId),
    [owning.data, caseData.categoryCode, streetId],
  );
  const options = useMemo(
    () =>
      unitOptions(all.data ?? [], suggested, i18n.language, {
        suggested: t('dispatch.suggested'),
        others: t('dispatch.otherUnits'),
      }),
    [all.data, suggested, i18n.language, t],
  );

  // Preselect the best suggestion once it is known, unless the user already chose.
  useEffect(() => {
    const first = suggested[0];
    if (first && form.getFieldValue('unitId') === undefined) form.setFieldValue('unitId', first.id);
  }, [suggested, form]);

  return (
    <>
      <Form.Item
        name="unitId"
        label={t('dispatch.unit')}
        rules={[{ required: true, message: t('dispatch.unitRequired') }]}
        extra={suggested.length === 0 && owning.isSuccess ? t('dispatch.noSuggestion') : undefined}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={all.isPending}
          options={options}
          placeholder={t('dispatch.unitPlaceholder')}
          data-testid="dispatch-unit"
        />
      </Form.Item>
      <Form.Item name="urgency" label={t('case.urgency')} initialValue={caseData.urgency}>
        <Select
          data-testid="dispatch-urgency"
          options={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
        />
      </Form.Item>
      <div className="deadline-preview" data-testid="deadline-preview" aria-live="polite">
        {category.isPending || (limit && preview.isPending) ? (
          <Skeleton.Input active size="small" />
        ) : limit && preview.data ? (
          <Alert
            type="info"
            showIcon
            title={t('dispatch.preview', {
              limit: limitText(limit, t),
              deadline: formatDateTime(preview.data.deadline),
            })}
          />
        ) : (
          <Alert type="warning" showIcon title={t('dispatch.noLimit')} />
        )}
      </div>
      <Form.Item name="note" label={t('caseAction.note')}>
        <Input.TextArea rows={2} maxLength={2000} showCount data-testid="action-note" />
      </Form.Item>
    </>
  );
}
