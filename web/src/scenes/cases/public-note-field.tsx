import { type CaseAction, publicStepText, transitionOf } from '@civicgrid/shared';
import { Checkbox, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnitList } from '../../api/cases.ts';

// Transitions whose text travels as `reason`; the others write a `note`.
const REASON_TEXT: readonly CaseAction[] = [
  'reject',
  'return',
  'request_extension',
  'check_fail',
  'reopen',
  'suspend',
];

/** The body field that holds a transition's text. */
export function textFieldOf(action: CaseAction): 'note' | 'reason' {
  return REASON_TEXT.includes(action) ? 'reason' : 'note';
}

/**
 * 向群众公开此说明: the author's choice to publish the note (off by default), and next to it what the resident
 * will read on the tracking page for this step, built with the same wording (publicStepText) the server uses.
 * On a step the public never sees the choice is shown switched off, with the reason.
 */
export function PublicNoteField({ action }: { action: CaseAction }) {
  const { t, i18n } = useTranslation();
  const form = Form.useFormInstance();
  const transition = transitionOf(action);
  const text: string | undefined = Form.useWatch(textFieldOf(action), form);
  const published: boolean = Form.useWatch('notePublic', form) ?? false;
  const unitId: number | undefined = Form.useWatch('unitId', form);
  const rejectReason: string | undefined = Form.useWatch('rejectReason', form);
  const units = useUnitList();
  if (transition.text !== 'staff') return null;
  const open = transition.visibility === 'public';
  const note = text?.trim() ?? '';
  // the event data the server will write and the public may read (see PUBLIC_EVENT_DATA)
  const unitName = units.data?.find((u) => u.id === unitId)?.name;
  const data = { ...(unitName ? { unitName } : {}), ...(rejectReason ? { rejectReason } : {}) };
  const lang = i18n.language === 'en-US' ? 'en' : 'zh';
  return (
    <div className="public-note" data-testid="public-note">
      <Form.Item
        name="notePublic"
        valuePropName="checked"
        initialValue={false}
        extra={open ? t('visibility.publishHint') : t('visibility.internalStep')}
        className="public-note-choice"
      >
        <Checkbox disabled={!open} data-testid="note-public">
          {t('visibility.publish')}
        </Checkbox>
      </Form.Item>
      <section className="public-preview" data-testid="public-preview" aria-live="polite">
        <Typography.Text type="secondary" className="public-preview-title">
          {t('visibility.previewTitle')}
        </Typography.Text>
        {open ? (
          <>
            <div className="public-preview-step" data-testid="public-preview-step">
              {publicStepText({ action, data }, lang)}
            </div>
            {action === 'file' && (
              <Typography.Text type="secondary" className="public-preview-hint">
                {t('visibility.replyLater')}
              </Typography.Text>
            )}
            {published && note ? (
              <div className="public-preview-note" data-testid="public-preview-note">
                {note}
              </div>
            ) : (
              <Typography.Text type="secondary" className="public-preview-hint">
                {note ? t('visibility.noteHidden') : published ? t('visibility.noteEmpty') : null}
              </Typography.Text>
            )}
          </>
        ) : (
          <div className="public-preview-step">{t('visibility.previewNone')}</div>
        )}
      </section>
    </div>
  );
}
