import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Drawer, Layout, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useNavigate } from 'react-router-dom';
import { ApiError, sendData } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { NotificationBell } from '../../components/notification-bell.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { useIsDesktop } from '../../components/use-media-query.ts';
import { rolesOf } from '../../components/user-roles.ts';
import { NavMenu } from './nav-menu.tsx';

/** The console frame after login: side menu (a drawer on phones), header with user, language and logout. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const isDesktop = useIsDesktop();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => sendData<{ ok: boolean }>('POST', '/api/auth/logout'),
    // Even if the server cannot be reached the user asked to leave. The login page clears the cache once this
    // shell has unmounted; clearing it here would make the still-mounted shell refetch "me" and get a 401.
    onSettled: () => navigate('/login', { replace: true }),
  });

  if (me.isPending) return <PageSpin />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/login" replace />;
    return (
      <div className="page-pad">
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  const user = me.data;
  const roles = rolesOf(user);

  return (
    <Layout className="shell">
      {isDesktop && (
        <Layout.Sider width={208} className="shell-sider">
          <div className="shell-logo">{t('app.short')}</div>
          <NavMenu can={user.can} roles={roles} />
        </Layout.Sider>
      )}
      <Layout className="shell-main">
        <Layout.Header className="shell-header">
          {!isDesktop && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.menu')}
              data-testid="nav-toggle"
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Typography.Text strong className="shell-title" ellipsis>
            {isDesktop ? t('app.title') : t('app.short')}
          </Typography.Text>
          <div className="shell-header-right">
            <NotificationBell />
            <LanguageSwitch size="small" />
            <span
              className="shell-user"
              data-testid="user-name"
              title={isDesktop ? user.username : user.displayName}
            >
              <UserOutlined aria-label={isDesktop ? undefined : user.displayName} aria-hidden={isDesktop} />
              {/* On phones the bell, language and logout need the room; the name stays in the tooltip. */}
              {isDesktop && <span className="shell-user-name"> {user.displayName}</span>}
            </span>
            <Button
              icon={<LogoutOutlined />}
              size="small"
              aria-label={t('auth.logout')}
              data-testid="logout"
              loading={logout.isPending}
              onClick={() => logout.mutate()}
            >
              {isDesktop ? t('auth.logout') : null}
            </Button>
          </div>
        </Layout.Header>
        <Layout.Content className="shell-content">
          <Outlet />
        </Layout.Content>
      </Layout>
      {!isDesktop && (
        <Drawer
          placement="left"
          size={240}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={t('app.short')}
          className="shell-drawer"
        >
          <NavMenu can={user.can} roles={roles} theme="light" onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
