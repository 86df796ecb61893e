import { type CaseAction, publicStepText, transitionOf } from '@civicgrid/shared';
import { useTranslation } from 'react-i18next';

interface Props {
  action: CaseAction;
  /** the note or reason as typed */
  text: string;
  published: boolean;
  onChange(published: boolean): void;
  /** event data the step will carry that the public may read (e.g. the kind of a rejection) */
  data?: Record<string, unknown>;
}

/**
 * 向群众公开此说明 on the phone: the choice (off by default) and what the resident will read on the tracking
 * page for this step, in the same words the server uses (publicStepText). A step the public never sees shows
 * the choice switched off, with the reason.
 */
export function PublicNoteChoice({ action, text, published, onChange, data }: Props) {
  const { t, i18n } = useTranslation();
  const transition = transitionOf(action);
  if (transition.text !== 'staff') return null;
  const open = transition.visibility === 'public';
  const note = text.trim();
  return (
    <div className="m-field m-public-note" data-testid="public-note">
      <label className={open ? 'm-check' : 'm-check m-check-disabled'}>
        <input
          type="checkbox"
          checked={open && published}
          disabled={!open}
          onChange={(e) => onChange(e.target.checked)}
          data-testid="note-public"
        />
        <span>{t('publicNote.publish')}</span>
      </label>
      <p className="m-hint">{open ? t('publicNote.hint') : t('publicNote.internalStep')}</p>
      <div className="m-public-preview" data-testid="public-preview" aria-live="polite">
        <p className="m-public-preview-title">{t('publicNote.previewTitle')}</p>
        {open ? (
          <>
            <p className="m-tl-text">
              {publicStepText({ action, data }, i18n.language === 'en-US' ? 'en' : 'zh')}
            </p>
            {action === 'file' && <p className="m-hint">{t('publicNote.replyLater')}</p>}
            {note && published && <p className="m-tl-reason">{note}</p>}
            {note && !published && <p className="m-hint">{t('publicNote.noteHidden')}</p>}
          </>
        ) : (
          <p className="m-tl-text">{t('publicNote.previewNone')}</p>
        )}
      </div>
    </div>
  );
}
