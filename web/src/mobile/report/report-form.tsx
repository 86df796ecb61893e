import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, getData } from '../api.ts';
import { PhotoPicker } from '../components/photo-picker.tsx';
import { RequiredMark } from '../components/required-mark.tsx';
import { ErrorNotice, Loading } from '../components/states.tsx';
import type { FollowLink } from '../follows/follow-link.ts';
import { FollowedSuccess } from '../follows/followed-success.tsx';
import { outboxEvents, type SentEvent, submitReport } from '../outbox/outbox.ts';
import type { Duplicate, ReportResult } from '../types.ts';
import { CategoryPicker } from './category-picker.tsx';
import { ContactFields } from './contact-fields.tsx';
import { DuplicatesSheet } from './duplicates-sheet.tsx';
import { LocationField } from './location-field.tsx';
import { Questions } from './questions.tsx';
import {
  checkDraft,
  type DraftErrors,
  emptyDraft,
  errorsFromServer,
  type ReportDraft,
  toPending,
} from './report-payload.ts';
import { ReportSuccess } from './report-success.tsx';
import { useCategories } from './use-categories.ts';

type Phase =
  | { kind: 'form' }
  | { kind: 'sent'; result: ReportResult }
  | { kind: 'saved'; reason: string | null; key: string }
  | { kind: 'followed'; duplicate: Duplicate; link: FollowLink };

interface ReportFormProps {
  source: ReportDraft['source'];
  /** extra actions under the tracking code after a successful report (the grid worker's 立行立改) */
  afterSent?: (result: ReportResult) => ReactNode;
  /** filled in from the start: the place of a door plate's QR code */
  initial?: Partial<ReportDraft>;
}

/** Scrolls to the first field with an error and focuses it, so keyboard and screen-reader users land there. */
function focusFirstError(errors: DraftErrors): void {
  const first = Object.keys(errors)[0];
  if (!first) return;
  requestAnimationFrame(() => {
    const el = document.getElementById(`field-${first.replace('/', '-')}`);
    el?.scrollIntoView({ block: 'center' });
    (el?.querySelector('input, textarea, button') as HTMLElement | null)?.focus({ preventScroll: true });
  });
}

/** The report form: photos, place, kind, its questions, description and contact; then the tracking code. */
export function ReportForm({ source, afterSent, initial }: ReportFormProps) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const [draft, setDraft] = useState<ReportDraft>(() => ({ ...emptyDraft(source), ...initial }));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [dupes, setDupes] = useState<Duplicate[] | null>(null);
  const [sending, setSending] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });

  const set = <K extends keyof ReportDraft>(key: K, value: ReportDraft[K], errorKey: string = key) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors(({ [errorKey]: _, ...rest }) => rest);
  };
  const restart = () => {
    setDraft({ ...emptyDraft(source), ...initial });
    setErrors({});
    setTopError(null);
    setPhase({ kind: 'form' });
    window.scrollTo(0, 0);
  };

  // the 'saved on the phone' notice gives way to the tracking code once the outbox has sent that report
  const savedKey = phase.kind === 'saved' ? phase.key : null;
  useEffect(() => {
    if (!savedKey) return;
    const onSent = (e: Event) => {
      const sent = (e as CustomEvent<SentEvent>).detail;
      if (sent.key === savedKey) setPhase({ kind: 'sent', result: sent.result });
    };
    outboxEvents.addEventListener('sent', onSent);
    return () => outboxEvents.removeEventListener('sent', onSent);
  }, [savedKey]);

  const submit = async (checkDuplicates: boolean) => {
    setTopError(null);
    const found = checkDraft(draft, t, i18n.language);
    setErrors(found);
    if (Object.keys(found).length) {
      setTopError(t('report.fixErrors'));
      focusFirstError(found);
      return;
    }
    setSending(true);
    try {
      if (checkDuplicates && draft.spot) {
        const q = `category=${draft.category!.code}&lat=${draft.spot.lat}&lng=${draft.spot.lng}`;
        // offline or failing: no suggestions, the report goes on
        const near = await getData<Duplicate[]>(`/api/cases/duplicates?${q}`).catch(() => []);
        if (near.length) {
          setDupes(near);
          return;
        }
      }
      const pending = toPending(draft, i18n.language);
      const outcome = await submitReport(pending);
      setPhase(
        outcome.kind === 'sent' ? { kind: 'sent', result: outcome.result } : { ...outcome, key: pending.key },
      );
      window.scrollTo(0, 0);
    } catch (err) {
      const fieldErrors = err instanceof ApiError ? errorsFromServer(err) : {};
      setErrors(fieldErrors);
      const marked = Object.keys(fieldErrors).length > 0;
      setTopError(marked ? `${errorMessage(err)} ${t('report.fixErrors')}` : errorMessage(err));
      focusFirstError(fieldErrors);
    } finally {
      setSending(false);
    }
  };

  if (phase.kind === 'sent')
    return (
      <ReportSuccess trackingCode={phase.result.trackingCode} onAnother={restart} trackPrimary={!afterSent}>
        {afterSent?.(phase.result)}
      </ReportSuccess>
    );
  if (phase.kind === 'followed')
    return <FollowedSuccess duplicate={phase.duplicate} link={phase.link} onAnother={restart} />;
  if (phase.kind === 'saved')
    return (
      <section className="m-success" data-testid="report-saved">
        <p className="m-notice m-notice-warn" role="status">
          {phase.reason ? t('limits.savedLater') : t('report.savedOffline')}
        </p>
        {phase.reason && <p className="m-hint">{phase.reason}</p>}
        <p className="m-hint">{t('report.savedOfflineHint')}</p>
        <button type="button" className="m-btn m-btn-block" onClick={restart}>
          {t('report.another')}
        </button>
      </section>
    );

  const questions = draft.category?.questions ?? [];
  const answerErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([k]) => k.startsWith('answers/'))
      .map(([k, v]) => [k.slice('answers/'.length), v]),
  );
  const name = (c: { nameZh: string; nameEn: string }) => (i18n.language === 'en-US' ? c.nameEn : c.nameZh);

  return (
    <form
      className="m-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(true);
      }}
      data-testid="report-form"
    >
      {topError && (
        <div className="m-notice m-notice-error" role="alert" data-testid="report-error">
          {topError}
        </div>
      )}
      <div id="field-photos">
        <PhotoPicker
          label={t('report.photos')}
          hint={t('report.photosHint')}
          files={draft.photos}
          onChange={(files) => set('photos', files)}
          testId="report-photo-input"
          error={errors.photos}
        />
      </div>
      <LocationField
        value={draft.spot}
        onChange={(spot) => set('spot', spot)}
        address={draft.address}
        onAddress={(a) => set('address', a)}
      />
      <div className="m-field" id="field-category">
        <span className="m-label" id="category-label">
          {t('report.category')}
          <RequiredMark />
        </span>
        {categories.loading && !categories.data ? (
          <Loading />
        ) : categories.error && !categories.data ? (
          <ErrorNotice error={categories.error} onRetry={categories.reload}>
            <p>{t('report.categoryLoadFailed')}</p>
          </ErrorNotice>
        ) : (
          <button
            type="button"
            className={`m-select${draft.category ? '' : ' m-select-empty'}`}
            aria-labelledby="category-label category-value"
            aria-invalid={!!errors.category}
            onClick={() => setPicking(true)}
            data-testid="report-category"
          >
            <span id="category-value">
              {draft.category ? name(draft.category) : t('report.chooseCategory')}
            </span>
            <span className="m-select-action">{draft.category ? t('report.changeCategory') : '›'}</span>
          </button>
        )}
        {errors.category && (
          <p className="m-field-error" role="alert">
            {errors.category}
          </p>
        )}
      </div>
      {questions.length > 0 && (
        <div className="m-subsection">
          <h2 className="m-section-title">{t('report.questions')}</h2>
          <Questions
            questions={questions}
            answers={draft.answers}
            errors={answerErrors}
            onChange={(code, v) => set('answers', { ...draft.answers, [code]: v }, `answers/${code}`)}
          />
        </div>
      )}
      <div className="m-field" id="field-description">
        <label className="m-label" htmlFor="report-description">
          {t('report.description')}
          <RequiredMark />
        </label>
        <textarea
          id="report-description"
          className="m-input m-textarea"
          rows={4}
          maxLength={4000}
          value={draft.description}
          placeholder={t('report.descriptionPlaceholder')}
          aria-invalid={!!errors.description}
          aria-required
          onChange={(e) => set('description', e.target.value)}
          data-testid="report-description"
        />
        {errors.description && (
          <p className="m-field-error" role="alert">
            {errors.description}
          </p>
        )}
      </div>
      {/* a grid worker's patrol report needs no call-back details */}
      {source === 'resident' && (
        <ContactFields
          name={draft.name}
          phone={draft.phone}
          phoneError={errors.phone}
          onName={(v) => set('name', v)}
          onPhone={(v) => set('phone', v)}
        />
      )}
      <button
        type="submit"
        className="m-btn m-btn-primary m-btn-block m-btn-big"
        disabled={sending}
        data-testid="report-submit"
      >
        {sending ? t('common.sending') : t('report.submit')}
      </button>
      {picking && categories.data && (
        <CategoryPicker
          categories={categories.data}
          onClose={() => setPicking(false)}
          onPick={(c) => {
            setDraft((d) => ({ ...d, category: c, answers: {} }));
            setErrors(({ category: _, ...rest }) =>
              Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith('answers/'))),
            );
            setPicking(false);
          }}
        />
      )}
      {dupes && (
        <DuplicatesSheet
          duplicates={dupes}
          onClose={() => setDupes(null)}
          onSubmitAnyway={() => {
            setDupes(null);
            void submit(false);
          }}
          onFollowed={(d, link) => {
            setDupes(null);
            setPhase({ kind: 'followed', duplicate: d, link });
            window.scrollTo(0, 0);
          }}
        />
      )}
    </form>
  );
}
