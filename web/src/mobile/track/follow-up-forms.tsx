import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api.ts';
import { RequiredMark } from '../components/required-mark.tsx';
import type { Rating } from '../types.ts';

const RATINGS: Rating[] = ['satisfied', 'basic', 'dissatisfied'];

/** The phone number given at report time, asked for when rating or reopening by tracking code needs it. */
export interface PhoneCheck {
  phone: string;
  onPhone(v: string): void;
}

/** The phone field of a follow-up form, with its own error (missing, or not the number given). */
function PhoneCheckField({ id, check, error }: { id: string; check: PhoneCheck; error: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="m-field m-phone-check">
      <label className="m-label" htmlFor={id}>
        {t('reporterCheck.phoneLabel')}
        <RequiredMark />
      </label>
      <p className="m-hint" id={`${id}-hint`}>
        {t('reporterCheck.phoneHint')}
      </p>
      <input
        id={id}
        className="m-input"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        maxLength={20}
        value={check.phone}
        aria-invalid={!!error}
        aria-describedby={`${id}-hint`}
        onChange={(e) => check.onPhone(e.target.value)}
        data-testid="reporter-phone"
      />
      {error && (
        <p className="m-field-error" role="alert" data-testid="reporter-phone-error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * Sends a follow-up form's body: checks the phone field first when there is one, and turns a refusal of the
 * reporter check into a message at that field rather than a general error.
 */
function useFollowUp(check: PhoneCheck | undefined) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const run = async (send: () => Promise<void>) => {
    setError(null);
    setPhoneError(null);
    if (check && !check.phone.trim()) return setPhoneError(t('reporterCheck.needPhone'));
    setBusy(true);
    try {
      await send();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'REPORTER_CHECK_FAILED')
        setPhoneError(t('reporterCheck.mismatch'));
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, phoneError, run };
}

/** 百姓评价: satisfied / mostly / not, with an optional comment (and the reporter's phone when asked). */
export function RateForm({
  send,
  check,
}: {
  send(body: { rating: Rating; comment?: string }): Promise<void>;
  check?: PhoneCheck;
}) {
  const { t } = useTranslation();
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const { busy, error, setError, phoneError, run } = useFollowUp(check);
  return (
    <form
      className="m-card m-form-card"
      data-testid="rate-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!rating) return setError(t('track.needRating'));
        void run(() => send({ rating, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
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
      {check && <PhoneCheckField id="rate-phone" check={check} error={phoneError} />}
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
export function ReopenForm({
  send,
  check,
}: {
  send(body: { reason: string }): Promise<void>;
  check?: PhoneCheck;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, setError, phoneError, run } = useFollowUp(check);
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
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) return setError(t('track.needReason'));
        void run(() => send({ reason: reason.trim() }));
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
      {check && <PhoneCheckField id="reopen-phone" check={check} error={phoneError} />}
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
