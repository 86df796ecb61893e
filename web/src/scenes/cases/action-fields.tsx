import { type CaseAction, URGENCIES } from '@civicgrid/shared';
import { Alert, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/case-types.ts';
import { useUnitList } from '../../api/cases.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { CategorySelect } from './category-select.tsx';
import { DispatchFields } from './dispatch-fields.tsx';
import { MergeField } from './merge-field.tsx';
import { PhotoUploadField } from './photo-upload.tsx';
import { DeadlineOverrideFields, ReassignFields, RecallFields, ReferFields } from './redirect-fields.tsx';
import { unitName } from './unit-suggestions.ts';

function TextField({ name, label, required }: { name: 'note' | 'reason'; label: string; required: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true, whitespace: true, message: t('caseAction.textRequired') }] : []}
    >
      <Input.TextArea rows={3} maxLength={2000} showCount data-testid={`action-${name}`} />
    </Form.Item>
  );
}

function ExtensionInfo({ caseData }: { caseData: CaseDetail }) {
  const { t } = useTranslation();
  const ext = caseData.extension;
  if (!ext) return null;
  return (
    <Alert
      className="action-info"
      type="info"
      showIcon
      title={t('extension.pending', { deadline: formatDateTime(ext.newDeadlineAt) })}
      description={t('extension.reason', { reason: ext.reason })}
    />
  );
}

function DeadlineField({ caseData }: { caseData: CaseDetail }) {
  const { t } = useTranslation();
  const current = caseData.deadlineAt ? new Date(caseData.deadlineAt).getTime() : Date.now();
  return (
    <Form.Item
      name="newDeadlineAt"
      label={t('extension.newDeadline')}
      rules={[{ required: true, message: t('extension.newDeadlineRequired') }]}
      extra={t('extension.current', { deadline: formatDateTime(caseData.deadlineAt) })}
    >
      <DatePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        className="full-width"
        data-testid="extension-deadline"
        disabledDate={(d: Dayjs) => d.endOf('day').valueOf() <= current}
      />
    </Form.Item>
  );
}

function WhistleField() {
  const { t, i18n } = useTranslation();
  const units = useUnitList();
  return (
    <Form.Item
      name="unitIds"
      label={t('whistle.units')}
      rules={[{ required: true, message: t('whistle.unitsRequired') }]}
    >
      <Select
        mode="multiple"
        showSearch={{ optionFilterProp: 'label' }}
        loading={units.isPending}
        data-testid="whistle-units"
        options={(units.data ?? []).map((u) => ({ value: u.id, label: unitName(u, i18n.language) }))}
      />
    </Form.Item>
  );
}

/** The form fields one transition needs; transitions without fields show a confirmation sentence. */
export function ActionFields({ action, caseData }: { action: CaseAction; caseData: CaseDetail }) {
  const { t } = useTranslation();
  const note = (required = false) => (
    <TextField name="note" label={t('caseAction.note')} required={required} />
  );
  const reason = (label = t('caseAction.reason')) => <TextField name="reason" label={label} required />;
  switch (action) {
    case 'dispatch':
      return <DispatchFields caseData={caseData} />;
    case 'file':
      return (
        <>
          <Form.Item name="categoryCode" label={t('case.category')} initialValue={caseData.categoryCode}>
            <CategorySelect testId="file-category" />
          </Form.Item>
          <Form.Item name="urgency" label={t('case.urgency')} initialValue={caseData.urgency}>
            <Select options={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))} />
          </Form.Item>
          {note()}
        </>
      );
    case 'reject':
      return (
        <>
          <Form.Item
            name="rejectReason"
            label={t('reject.kind')}
            rules={[{ required: true, message: t('reject.kindRequired') }]}
          >
            <Radio.Group
              data-testid="reject-kind"
              options={[
                { value: 'not_substantiated', label: t('reject.not_substantiated') },
                { value: 'out_of_scope', label: t('reject.out_of_scope') },
              ]}
            />
          </Form.Item>
          {reason(t('reject.reason'))}
        </>
      );
    case 'merge':
      return <MergeField caseId={caseData.id} />;
    case 'return':
      return reason(t('caseAction.returnReason'));
    case 'request_extension':
      return (
        <>
          <DeadlineField caseData={caseData} />
          {reason()}
        </>
      );
    case 'approve_extension':
    case 'deny_extension':
      return (
        <>
          <ExtensionInfo caseData={caseData} />
          {note()}
        </>
      );
    case 'whistle':
      return (
        <>
          <WhistleField />
          {note()}
        </>
      );
    case 'supervise':
      return (
        <>
          <Form.Item
            name="level"
            label={t('supervision.level')}
            initialValue={caseData.supervision ?? 'normal'}
            rules={[{ required: true }]}
          >
            <Radio.Group
              data-testid="supervise-level"
              options={(['normal', 'yellow', 'red'] as const).map((l) => ({
                value: l,
                label: t(`supervision.${l}`),
              }))}
            />
          </Form.Item>
          {note()}
        </>
      );
    case 'feedback':
      return (
        <>
          {note(true)}
          <PhotoUploadField name="photos" label={t('caseAction.photos')} testId="action-photos" />
        </>
      );
    case 'check_pass':
      return (
        <>
          {note()}
          <PhotoUploadField name="photos" label={t('caseAction.photos')} testId="action-photos" />
        </>
      );
    case 'check_fail':
      return (
        <>
          {reason(t('caseAction.checkFailReason'))}
          <PhotoUploadField name="photos" label={t('caseAction.photos')} testId="action-photos" />
        </>
      );
    case 'rate':
      return (
        <>
          <Form.Item
            name="rating"
            label={t('rating.label')}
            rules={[{ required: true, message: t('rating.required') }]}
          >
            <Radio.Group
              options={(['satisfied', 'basic', 'dissatisfied'] as const).map((r) => ({
                value: r,
                label: t(`rating.${r}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="comment" label={t('rating.comment')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      );
    case 'reopen':
    case 'suspend':
      return reason();
    case 'fix_on_spot':
      return (
        <>
          {note(true)}
          <PhotoUploadField name="before" label={t('caseAction.before')} testId="action-before" />
          <PhotoUploadField name="after" label={t('caseAction.after')} testId="action-after" />
        </>
      );
    case 'reassign':
      return <ReassignFields caseData={caseData} />;
    case 'recall':
      return <RecallFields />;
    case 'override_deadline':
      return <DeadlineOverrideFields caseData={caseData} />;
    case 'refer':
      return <ReferFields />;
    case 'verify':
    case 'close':
      return note();
    case 'sign':
    case 'report_in':
    case 'resume':
      return <Typography.Paragraph>{t(`caseAction.confirm.${action}`)}</Typography.Paragraph>;
  }
}
