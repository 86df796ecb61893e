import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage, postData } from '../api.ts';
import { formatDateTime } from '../i18n/index.ts';
import { TextAreaField } from './text-field.tsx';
import { HANDLED, type NeedItem } from './visit-types.ts';

/** The reply to the resident once the case is handled: what they were told, saved once. */
function ReplyForm({ need, onReplied }: { need: NeedItem; onReplied(): void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="m-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await postData(`/api/visits/needs/${need.id}/reply`, { note });
          onReplied();
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <TextAreaField
        label={t('visits.replyNote')}
        value={note}
        placeholder={t('visits.replyPlaceholder')}
        onChange={setNote}
        testId="reply-note"
      />
      {error && (
        <p className="m-field-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="m-btn m-btn-primary m-btn-block"
        disabled={busy}
        data-testid="reply-save"
      >
        {t('visits.replySave')}
      </button>
    </form>
  );
}

/** One need heard on a visit: resolved on the spot, or its case with the reply date and the reply. */
export function NeedCard({
  need,
  onReplied,
  householdLink,
}: {
  need: NeedItem;
  onReplied(): void;
  householdLink?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const handled = need.caseState !== null && HANDLED.includes(need.caseState);
  return (
    <div className="m-card m-need" data-testid="need-card">
      <p className="m-card-title">{need.description}</p>
      {need.outcome === 'resolved' ? (
        <p className="m-meta">{t('visits.resolvedNote', { text: need.resolution })}</p>
      ) : (
        <>
          <p className="m-meta">
            <Link to={`/tasks/${need.caseId}`}>
              {t('visits.caseState', { id: need.caseId, state: t(`state.${need.caseState}`) })}
            </Link>
          </p>
          {need.replyDueAt && (
            <p className="m-meta">{t('visits.replyDue', { date: formatDateTime(need.replyDueAt) })}</p>
          )}
          {need.repliedAt ? (
            <p className="m-notice m-notice-ok" data-testid="need-replied">
              {t('visits.replied', { date: formatDateTime(need.repliedAt), note: need.replyNote })}
            </p>
          ) : handled ? (
            open ? (
              <ReplyForm need={need} onReplied={onReplied} />
            ) : (
              <button
                type="button"
                className="m-btn m-btn-primary m-btn-block"
                onClick={() => setOpen(true)}
                data-testid="need-reply"
              >
                {t('visits.reply')}
              </button>
            )
          ) : (
            <p className="m-hint">{t('visits.awaitingCase')}</p>
          )}
        </>
      )}
      {householdLink && (
        <Link className="m-link" to={`/visits/${need.householdId}`}>
          {t('visits.household')} →
        </Link>
      )}
    </div>
  );
}
