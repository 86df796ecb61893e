import type { CaseAction } from '@civicgrid/shared';
import './case.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionFiles, CaseAnswer, CaseDetail, ActionFields as Fields } from '../../api/case-types.ts';
import { applyCaseAnswer, caseKey, fireCaseAction } from '../../api/cases.ts';
import { ApiError } from '../../api/client.ts';
import { transitionLabel } from '../../components/case-labels.ts';
import { showFieldErrors } from '../../components/form-errors.ts';
import { ActionFields } from './action-fields.tsx';
import { chosenFiles } from './photo-upload.tsx';
import { PublicNoteField } from './public-note-field.tsx';

type FormValues = Omit<Fields, 'newDeadlineAt'> & {
  newDeadlineAt?: Dayjs;
  photos?: UploadFile[];
  before?: UploadFile[];
  after?: UploadFile[];
};

/** Splits the form's values into the JSON fields and the photo files of the request. */
function toRequest(values: FormValues): { fields: Fields; files: ActionFiles } {
  const { newDeadlineAt, photos, before, after, ...rest } = values;
  const fields: Fields = { ...rest };
  for (const k of ['note', 'reason', 'comment', 'referredTo'] as const) {
    const v = fields[k]?.trim();
    if (v) fields[k] = v;
    else delete fields[k];
  }
  if (newDeadlineAt) fields.newDeadlineAt = newDeadlineAt.second(0).millisecond(0).toISOString();
  return {
    fields,
    files: { photos: chosenFiles(photos), before: chosenFiles(before), after: chosenFiles(after) },
  };
}

/** Actions that are a serious step and are shown as such. */
const DANGER: readonly CaseAction[] = [
  'reject',
  'return',
  'check_fail',
  'suspend',
  'deny_extension',
  'recall',
  'refer',
];

interface Props {
  caseData: CaseDetail;
  action: CaseAction;
  onClose: () => void;
  /** called with the answer after the transition went through */
  onDone?: (answer: CaseAnswer) => void;
}

/**
 * One transition as a small form: the fields it needs, sent as JSON or (with photos) multipart. A refusal
 * is shown in the user's language next to the field it concerns; a conflict (someone else moved the case)
 * reloads the case and closes the form.
 */
export function ActionModal({ caseData, action, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const label = transitionLabel(action, i18n.language);

  const run = useMutation({
    mutationFn: (values: FormValues) => {
      const { fields, files } = toRequest(values);
      return fireCaseAction(caseData.id, action, fields, files);
    },
    onSuccess: (answer) => {
      applyCaseAnswer(client, caseData.id, answer);
      void message.success(t('caseAction.done', { action: label }));
      onDone?.(answer);
      onClose();
    },
    onError: (err) => {
      if (
        err instanceof ApiError &&
        (err.code === 'CASE_STATE_CONFLICT' || err.code === 'TRANSITION_NOT_ALLOWED')
      ) {
        void message.warning(`${err.message} ${t('caseAction.reloaded')}`);
        void client.invalidateQueries({ queryKey: caseKey(caseData.id) });
        onClose();
        return;
      }
      const hints = {
        note: t('caseAction.textRequired'),
        reason: t('caseAction.textRequired'),
        unitId: t('dispatch.unitRequired'),
        newDeadlineAt: t('extension.mustBeLater'),
        masterId: t('merge.masterRequired'),
        referredTo: t('redirect.referredToRequired'),
      };
      setProblem(showFieldErrors(form, err, hints, t('caseAction.invalid')));
    },
  });

  return (
    <Modal
      open
      title={`${label} · ${t('case.number', { id: caseData.id })}`}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={!run.isPending}
      width={560}
      footer={[
        <Button key="cancel" onClick={onClose} disabled={run.isPending}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger={DANGER.includes(action)}
          loading={run.isPending}
          onClick={() => form.submit()}
          data-testid="action-submit"
        >
          {label}
        </Button>,
      ]}
    >
      <div data-testid="action-modal" data-action={action}>
        {problem && (
          <Alert
            className="form-alert"
            type="error"
            showIcon
            role="alert"
            title={problem}
            data-testid="action-error"
          />
        )}
        <Form<FormValues>
          form={form}
          layout="vertical"
          requiredMark
          onFinish={(values) => {
            setProblem(null);
            run.mutate(values);
          }}
          data-testid={`action-form-${action}`}
        >
          <ActionFields action={action} caseData={caseData} />
          <PublicNoteField action={action} />
        </Form>
      </div>
    </Modal>
  );
}
