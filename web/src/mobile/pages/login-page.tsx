import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage, postData } from '../api.ts';
import { Page } from '../components/page.tsx';
import { runsInspections } from '../inspections/runners.ts';
import { useSession } from '../session.tsx';

/** Only same-app paths are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/tasks';
}

/** /m/login: staff log in; grid workers go on to their tasks. */
export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { me, gridCodes, refresh } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await postData('/api/auth/login', { username: username.trim(), password });
      const who = await refresh();
      const roles = new Set(who?.grants.map((g) => g.role));
      if (roles.has('grid_worker')) navigate(safeNext(params.get('next')), { replace: true });
      // leaders and inspectors walk their inspections
      else if (runsInspections(who)) navigate('/inspections', { replace: true });
      // a volunteer: their activities and points (or the sign-in page a QR code opened)
      else if (roles.has('volunteer'))
        navigate(params.get('next') ? safeNext(params.get('next')) : '/volunteer', { replace: true });
      // a resident's account: back home, where reports are now theirs and nearby ones can be followed
      else if (roles.size === 0 || (roles.size === 1 && roles.has('resident')))
        navigate('/', { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('login.title')} back="/" testId="login-page">
      {me &&
        gridCodes.length === 0 &&
        !runsInspections(me) &&
        !me.grants.some((g) => g.role === 'volunteer') && (
          <div className="m-notice m-notice-warn" role="status" data-testid="login-not-grid-worker">
            <p>{t('login.notGridWorker', { name: me.displayName })}</p>
            <a href="/">{t('login.consoleLink')}</a>
          </div>
        )}
      {me && gridCodes.length > 0 && (
        <Link className="m-btn m-btn-primary m-btn-block" to="/tasks">
          {t('landing.tasks')}
        </Link>
      )}
      <form
        className="m-card m-form-card"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        data-testid="login-form"
      >
        {error && (
          <p className="m-notice m-notice-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <label className="m-label" htmlFor="login-username">
          {t('login.username')}
        </label>
        <input
          id="login-username"
          className="m-input"
          autoComplete="username"
          autoCapitalize="none"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          data-testid="login-username"
        />
        <label className="m-label" htmlFor="login-password">
          {t('login.password')}
        </label>
        <input
          id="login-password"
          className="m-input"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="login-password"
        />
        <button
          type="submit"
          className="m-btn m-btn-primary m-btn-block m-btn-big"
          disabled={busy || !username.trim() || !password}
          data-testid="login-submit"
        >
          {busy ? t('common.sending') : t('login.submit')}
        </button>
        <p className="m-hint">{t('login.hint')}</p>
      </form>
    </Page>
  );
}
