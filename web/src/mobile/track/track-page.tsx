import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, request } from '../api.ts';
import { Page } from '../components/page.tsx';
import { ErrorNotice, Loading } from '../components/states.tsx';
import { formatDateTime } from '../i18n/index.ts';
import type { PublicCase } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { RateForm, ReopenForm } from './follow-up-forms.tsx';
import { PhotoStrip } from './photo-strip.tsx';
import { Timeline } from './timeline.tsx';

type Tracked = { data: PublicCase; abilities: string[] };

/** Upper case, no spaces; Crockford look-alikes (O→0, I/L→1) so a code read over the phone still matches. */
export function normaliseCode(raw: string): string {
  const s = raw.trim().toUpperCase().replace(/\s+/g, '');
  const m = /^CG(\d{4})-?(\w{6})$/.exec(s);
  if (!m) return s;
  return `CG${m[1]}-${m[2]!.replace(/O/g, '0').replace(/[IL]/g, '1')}`;
}

function CodeForm({ initial }: { initial: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="m-card m-form-card"
      onSubmit={(e) => {
        e.preventDefault();
        const c = normaliseCode(code);
        if (!c) return setError(t('track.needCode'));
        setError(null);
        navigate(`/track/${encodeURIComponent(c)}`);
      }}
    >
      <label className="m-label" htmlFor="track-code">
        {t('track.codeLabel')}
      </label>
      <div className="m-row">
        <input
          id="track-code"
          className="m-input m-input-code m-grow"
          value={code}
          placeholder={t('track.codePlaceholder')}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={!!error}
          aria-describedby="track-code-hint"
          onChange={(e) => setCode(e.target.value)}
          data-testid="track-input"
        />
        <button type="submit" className="m-btn m-btn-primary" data-testid="track-submit">
          {t('track.search')}
        </button>
      </div>
      {error && (
        <p className="m-field-error" role="alert">
          {error}
        </p>
      )}
      <p className="m-hint" id="track-code-hint">
        {t('track.codeHint')}
      </p>
    </form>
  );
}

const BEFORE = new Set(['report', 'before']);

function CaseView({ tracked, onChange }: { tracked: Tracked; onChange(t: Tracked): void }) {
  const { t, i18n } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  const c = tracked.data;
  const act = async (action: 'rate' | 'reopen', body: unknown, message: string) => {
    const res = await request<Tracked>('POST', `/api/track/${c.trackingCode}/${action}`, { json: body });
    onChange(res.body);
    setNotice(message);
  };
  const before = c.photos.filter((p) => BEFORE.has(p.kind));
  const after = c.photos.filter((p) => !BEFORE.has(p.kind));
  const category = c.category
    ? i18n.language === 'en-US'
      ? c.category.nameEn
      : c.category.nameZh
    : c.categoryCode;
  return (
    <div className="m-stack" data-testid="track-case">
      <section className="m-card">
        <div className="m-row-between">
          <h2 className="m-card-title">{category}</h2>
          <span className={`m-badge m-state-${c.state}`} data-testid="track-state">
            {t(`state.${c.state}`)}
          </span>
        </div>
        <p className="m-code-small">{c.trackingCode}</p>
        <p className="m-desc">{c.description}</p>
        <dl className="m-facts">
          <dt>{t('track.reportedAt')}</dt>
          <dd>{formatDateTime(c.reportedAt)}</dd>
          {c.address && (
            <>
              <dt>{t('track.address')}</dt>
              <dd>{c.address}</dd>
            </>
          )}
          {c.closedAt && (
            <>
              <dt>{t('track.closedAt')}</dt>
              <dd>{formatDateTime(c.closedAt)}</dd>
            </>
          )}
        </dl>
        {!c.closedAt && c.state !== 'rejected' && (
          <p className="m-promise" data-testid="track-promise">
            {c.replyDeadlineAt
              ? t('track.replyBy', { date: formatDateTime(c.replyDeadlineAt) })
              : t('track.replyAfterFiling')}
          </p>
        )}
        {c.rating && (
          <p className="m-promise">{t('track.rated', { rating: t(`track.rating.${c.rating}`) })}</p>
        )}
      </section>
      {notice && (
        <p className="m-notice m-notice-ok" role="status" data-testid="track-notice">
          {notice}
        </p>
      )}
      {tracked.abilities.includes('rate') && (
        <RateForm send={(body) => act('rate', body, t('track.thanks'))} />
      )}
      {tracked.abilities.includes('reopen') && (
        <ReopenForm send={(body) => act('reopen', body, t('track.reopened'))} />
      )}
      {c.photos.length > 0 && (
        <section className="m-card" aria-labelledby="photos-title">
          <h2 id="photos-title" className="m-section-title">
            {t('track.photos')}
          </h2>
          {before.length > 0 && (
            <>
              <h3 className="m-label">{t('track.photosBefore')}</h3>
              <PhotoStrip photos={before} />
            </>
          )}
          {after.length > 0 && (
            <>
              <h3 className="m-label">{t('track.photosAfter')}</h3>
              <PhotoStrip photos={after} />
            </>
          )}
        </section>
      )}
      <section className="m-card" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="m-section-title">
          {t('track.timeline')}
        </h2>
        <Timeline events={c.timeline} />
      </section>
    </div>
  );
}

/** No such case (404), or a code that cannot be one (400 from the route's pattern). */
const unknownCode = (err: unknown) => err instanceof ApiError && (err.status === 404 || err.status === 400);

/** The public view of a case and what the holder of its code may do (rate, reopen). */
async function getTracked(code: string): Promise<Tracked> {
  return (await request<Tracked>('GET', `/api/track/${encodeURIComponent(code)}`)).body;
}

/** /m/track and /m/track/:code: enter a code; the case's progress in plain words, photos, rating. */
export default function TrackPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const wanted = code ? normaliseCode(code) : null;
  const tracked = useLoad(wanted, () => getTracked(wanted!));
  return (
    <Page title={t('track.title')} back="/" testId="track-page">
      <CodeForm key={wanted ?? ''} initial={wanted ?? ''} />
      {wanted && tracked.loading && <Loading />}
      {wanted && !tracked.loading && tracked.error !== null && (
        <ErrorNotice
          error={unknownCode(tracked.error) ? t('track.notFound', { code: wanted }) : tracked.error}
          onRetry={unknownCode(tracked.error) ? undefined : tracked.reload}
        />
      )}
      {wanted && !tracked.loading && tracked.data && (
        <CaseView tracked={tracked.data} onChange={tracked.setData} />
      )}
    </Page>
  );
}
