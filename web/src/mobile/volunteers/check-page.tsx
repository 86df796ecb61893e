import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage, postData } from '../api.ts';
import { Page } from '../components/page.tsx';
import { codeIn } from './volunteers-types.ts';
import './volunteers.css';

type Position = { lng: number; lat: number };

/** The phone's position (high accuracy: the place is checked to within a few hundred metres). */
function currentPosition(): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('geolocation'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude }),
      reject,
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 30_000 },
    );
  });
}

/**
 * /m/volunteer/check: sign in or out of an activity with the code shown at the place. A phone's camera opens
 * this page from the QR code with the code filled in; otherwise the code is pasted or typed.
 */
export default function CheckPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [text, setText] = useState(params.get('code') ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loggedOut, setLoggedOut] = useState(false);
  const [done, setDone] = useState<{ direction: 'in' | 'out'; title: string; distanceM: number } | null>(
    null,
  );
  const [position, setPosition] = useState<Position | null>(null);
  useEffect(() => {
    currentPosition()
      .then(setPosition)
      .catch(() => setPosition(null));
  }, []);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const at = position ?? (await currentPosition());
      const res = await postData<{ direction: 'in' | 'out'; title: string; distanceM: number }>(
        '/api/volunteers/me/check',
        { code: codeIn(text), ...at },
      );
      setDone(res);
    } catch (err) {
      setLoggedOut(err instanceof ApiError && err.status === 401);
      setError(err instanceof GeolocationPositionError ? t('volunteers.noPosition') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('volunteers.checkTitle')} back="/volunteer" testId="volunteer-check-page">
      {done ? (
        <div className="m-notice m-notice-ok v-result" role="status" data-testid="volunteer-check-done">
          <p>
            <strong>{t(done.direction === 'in' ? 'volunteers.signedIn' : 'volunteers.signedOut')}</strong>
          </p>
          <p>{done.title}</p>
          <p className="m-meta">{t('volunteers.distance', { m: done.distanceM })}</p>
          <Link className="m-btn m-btn-primary m-btn-block" to="/volunteer">
            {t('volunteers.back')}
          </Link>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <p className="m-lead">{t('volunteers.checkHint')}</p>
          <label className="m-field">
            <span>{t('volunteers.code')}</span>
            <textarea
              className="m-input m-input-code"
              rows={3}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="cgv1.…"
              data-testid="volunteer-code"
            />
          </label>
          <p className="m-hint">{position ? t('volunteers.positionOk') : t('volunteers.positionWait')}</p>
          {error && (
            <p className="m-notice m-notice-error" role="alert" data-testid="error">
              {error}
            </p>
          )}
          {loggedOut && (
            <Link
              className="m-btn m-btn-block"
              to={`/login?next=${encodeURIComponent(`/volunteer/check?code=${encodeURIComponent(codeIn(text))}`)}`}
            >
              {t('landing.login')}
            </Link>
          )}
          <button
            type="submit"
            className="m-btn m-btn-primary m-btn-block m-btn-big"
            disabled={busy || codeIn(text).length < 10}
            data-testid="volunteer-check-submit"
          >
            {t('volunteers.checkSubmit')}
          </button>
        </form>
      )}
    </Page>
  );
}
