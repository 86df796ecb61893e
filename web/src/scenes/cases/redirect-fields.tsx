import { Alert, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/case-types.ts';
import { useUnitList } from '../../api/cases.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { unitName } from './unit-suggestions.ts';

function ReasonField({ label, name = 'reason' }: { label: string; name?: 'reason' }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[{ required: true, whitespace: true, message: t('caseAction.textRequired') }]}
    >
      <Input.TextArea rows={3} maxLength={2000} showCount data-testid="action-reason" />
    </Form.Item>
  );
}

/** 改派: another unit of the district (not the one holding the case) and why. */
export function ReassignFields({ caseData }: { caseData: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const units = useUnitList();
  const options = (units.data ?? [])
    .filter((u) => u.id !== caseData.unitId)
    .map((u) => ({ value: u.id, label: unitName(u, i18n.language) }));
  return (
    <>
      <Alert className="action-info" type="warning" showIcon title={t('redirect.counted')} />
      <Form.Item
        name="unitId"
        label={t('redirect.unit')}
        rules={[{ required: true, message: t('redirect.unitRequired') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={units.isPending}
          options={options}
          data-testid="reassign-unit"
        />
      </Form.Item>
      <ReasonField label={t('redirect.reassignReason')} />
    </>
  );
}

/** 撤回: why the case goes back to the dispatch queue. */
export function RecallFields() {
  const { t } = useTranslation();
  return (
    <>
      <Alert className="action-info" type="warning" showIcon title={t('redirect.counted')} />
      <ReasonField label={t('redirect.recallReason')} />
    </>
  );
}

/** 调整期限: any future time, earlier or later than the current deadline, and why. */
export function DeadlineOverrideFields({ caseData }: { caseData: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="newDeadlineAt"
        label={t('redirect.newDeadline')}
        rules={[{ required: true, message: t('redirect.deadlineFuture') }]}
        extra={`${t('extension.current', { deadline: formatDateTime(caseData.deadlineAt) })} ${t('redirect.deadlineCounted')}`}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          className="full-width"
          data-testid="override-deadline"
          disabledDate={(d: Dayjs) => d.endOf('day').valueOf() < Date.now()}
        />
      </Form.Item>
      <ReasonField label={t('redirect.deadlineReason')} />
    </>
  );
}

/** 转办: the outside body by name, and a note. */
export function ReferFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="referredTo"
        label={t('redirect.referredTo')}
        rules={[{ required: true, whitespace: true, message: t('redirect.referredToRequired') }]}
      >
        <Input maxLength={100} placeholder={t('redirect.referredToPlaceholder')} data-testid="refer-body" />
      </Form.Item>
      <ReasonField label={t('redirect.referReason')} />
    </>
  );
}
