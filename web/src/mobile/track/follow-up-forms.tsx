import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api.ts';
import { RequiredMark } from '../components/required-mark.tsx';
import type { Rating } from '../types.ts';

const RATINGS: Rating[] = ['satisfied', 'basic', 'dissatisfied'];

/** 百姓评价: satisfied / mostly / not, with an optional comment. */
export function RateForm({ send }: { send(body: { rating: Rating; comment?: string }): Promise<void> }) {
  const { t } = useTranslation();
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="m-card m-form-card"
      data-testid="rate-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!rating) return setError(t('track.needRating'));
        setBusy(true);
        setError(null);
        try {
          await send({ rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <fieldset className="m-field">
        <legend className="m-section-title">{t('track.rateTitle')}</legend>
        <div className="m-rating">
          {RATINGS.map((r) => (
            <label key={r} className={`m-rating-option m-rating-${r}`} data-testid={`rate-${r}`}>
              <input
                type="radio"
                name="rating"
                value={r}
                checked={rating === r}
                onChange={() => setRating(r)}
              />
              <span>{t(`track.rating.${r}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="m-label" htmlFor="rate-comment">
        {t('track.comment')} <span className="m-opt">{t('common.optionalMark')}</span>
      </label>
      <textarea
        id="rate-comment"
        className="m-input m-textarea"
        rows={2}
        maxLength={500}
        value={comment}
        placeholder={t('track.commentPlaceholder')}
        onChange={(e) => setComment(e.target.value)}
        data-testid="rate-comment"
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
        data-testid="rate-submit"
      >
        {busy ? t('common.sending') : t('track.rateSubmit')}
      </button>
    </form>
  );
}

/** 发回重办: the resident says what is still wrong and the case goes back to the unit. */
export function ReopenForm({ send }: { send(body: { reason: string }): Promise<void> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <div className="m-card">
        <p className="m-section-title">{t('track.reopenTitle')}</p>
        <button
          type="button"
          className="m-btn m-btn-block"
          onClick={() => setOpen(true)}
          data-testid="reopen-open"
        >
          {t('track.reopenButton')}
        </button>
      </div>
    );
  return (
    <form
      className="m-card m-form-card"
      data-testid="reopen-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!reason.trim()) return setError(t('track.needReason'));
        setBusy(true);
        setError(null);
        try {
          await send({ reason: reason.trim() });
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <p className="m-section-title">{t('track.reopenTitle')}</p>
      <label className="m-label" htmlFor="reopen-reason">
        {t('track.reopenReason')}
        <RequiredMark />
      </label>
      <textarea
        id="reopen-reason"
        className="m-input m-textarea"
        rows={3}
        maxLength={2000}
        value={reason}
        placeholder={t('track.reopenPlaceholder')}
        aria-invalid={!!error}
        onChange={(e) => setReason(e.target.value)}
        data-testid="reopen-reason"
      />
      {error && (
        <p className="m-field-error" role="alert">
          {error}
        </p>
      )}
      <div className="m-row">
        <button type="button" className="m-btn" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className="m-btn m-btn-danger m-grow"
          disabled={busy}
          data-testid="reopen-submit"
        >
          {busy ? t('common.sending') : t('track.reopenSubmit')}
        </button>
      </div>
    </form>
  );
}
