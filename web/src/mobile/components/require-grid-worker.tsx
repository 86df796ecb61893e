import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../session.tsx';
import { Loading } from './states.tsx';

/** Shows its children to a logged-in grid worker; others log in first or are told where to go. */
export function RequireGridWorker({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, loading, gridCodes } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!gridCodes.length)
    return (
      <div className="m-notice m-notice-warn" role="alert">
        <p>
          {me.grants.some((g) => g.role === 'grid_worker')
            ? t('tasks.noGrid')
            : t('login.notGridWorker', { name: me.displayName })}
        </p>
        <a href="/">{t('login.consoleLink')}</a>
      </div>
    );
  return <>{children}</>;
}
