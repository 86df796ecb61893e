import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { useMe } from '../../api/queries.ts';
import { rolesOf } from '../../components/user-roles.ts';
import { allowedNavItems } from './nav-items.tsx';

/** Sends "/" to the first scene the user may use, or explains that there is none. */
export function HomeRedirect() {
  const { t } = useTranslation();
  const me = useMe();
  const first = me.data ? allowedNavItems(me.data.can, rolesOf(me.data))[0] : undefined;
  if (first) return <Navigate to={first.path} replace />;
  return <Result status="info" title={t('app.noAccess')} data-testid="no-access" />;
}
