import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, postData } from '../api.ts';
import { Page } from '../components/page.tsx';
import { Loading } from '../components/states.tsx';
import './care.css';

interface Status {
  name: string;
  checkedInToday: boolean;
}

/**
 * The elder's daily check-in (报平安): one big button in large type, opened from the personal link or QR card.
 * The secret is in the link's fragment (#…), which browsers never send to a server or put in its logs; the
 * page sends it in the request body. No login.
 */
export default function CheckinPage() {
  const { t } = useTranslation();
  const token = window.location.hash.replace(/^#/, '');
  const [status, setStatus] = useState<Status | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'sending' | 'done' | 'invalid'>('loading');
  useEffect(() => {
    if (!token) return setState('invalid');
    postData<Status>('/api/care/checkin/status', { token })
      .then((s) => {
        setStatus(s);
        setState('ready');
      })
      .catch(() => setState('invalid'));
  }, [token]);
  const press = async () => {
    setState('sending');
    try {
      setStatus(await postData<Status>('/api/care/checkin', { token }));
      setState('done');
    } catch (err) {
      setState(err instanceof ApiError && err.status === 404 ? 'invalid' : 'ready');
    }
  };
  return (
    <Page title={t('care.checkin.title')} testId="checkin-page">
      <div className="care-checkin">
        {state === 'loading' && <Loading />}
        {state === 'invalid' && <p>{token ? t('care.checkin.invalid') : t('care.checkin.noToken')}</p>}
        {status && state !== 'invalid' && (
          <>
            <h2 data-testid="checkin-hello">{t('care.checkin.hello', { name: status.name })}</h2>
            {state === 'done' ? (
              <p className="care-checkin-done" role="status" data-testid="checkin-done">
                {t('care.checkin.done')}
              </p>
            ) : (
              status.checkedInToday && <p>{t('care.checkin.doneToday')}</p>
            )}
            <button
              type="button"
              className="care-checkin-button"
              disabled={state === 'sending'}
              onClick={() => void press()}
              data-testid="checkin-button"
            >
              {state === 'done' || status.checkedInToday ? t('care.checkin.again') : t('care.checkin.button')}
            </button>
          </>
        )}
      </div>
    </Page>
  );
}
