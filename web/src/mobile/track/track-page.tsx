import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, request } from '../api.ts';
import { Page } from '../components/page.tsx';
import { ErrorNotice, Loading } from '../components/states.tsx';
import type { Tracked } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { RateForm, ReopenForm } from './follow-up-forms.tsx';
import { PublicCaseView } from './public-case-view.tsx';

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

function CaseView({
  tracked,
  code,
  onChange,
}: {
  tracked: Tracked;
  code: string;
  onChange(t: Tracked): void;
}) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  // typed once, used by both forms: the second factor of the tracking code
  const [phone, setPhone] = useState('');
  const check = tracked.phoneRequired ? { phone, onPhone: setPhone } : undefined;
  const act = async (action: 'rate' | 'reopen', body: object, message: string) => {
    const json = tracked.phoneRequired ? { ...body, phone: phone.trim() } : body;
    const res = await request<Tracked>('POST', `/api/track/${encodeURIComponent(code)}/${action}`, { json });
    onChange(res.body);
    setNotice(message);
  };
  return (
    <PublicCaseView c={tracked.data} code={tracked.data.trackingCode}>
      {notice && (
        <p className="m-notice m-notice-ok" role="status" data-testid="track-notice">
          {notice}
        </p>
      )}
      {tracked.abilities.includes('rate') && (
        <RateForm check={check} send={(body) => act('rate', body, t('track.thanks'))} />
      )}
      {tracked.abilities.includes('reopen') && (
        <ReopenForm check={check} send={(body) => act('reopen', body, t('track.reopened'))} />
      )}
    </PublicCaseView>
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
        <CaseView tracked={tracked.data} code={wanted} onChange={tracked.setData} />
      )}
    </Page>
  );
}
