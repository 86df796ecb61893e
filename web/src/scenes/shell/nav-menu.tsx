import type { Role } from '@civicgrid/shared';
import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import type { Abilities } from '../../api/types.ts';
import { allowedNavItems } from './nav-items.tsx';

/** The side menu with only the scenes the user may use; items are links so they work with the keyboard. */
export function NavMenu({
  can,
  roles = [],
  onNavigate,
  theme = 'dark',
}: {
  can: Abilities;
  roles?: readonly Role[];
  onNavigate?: () => void;
  theme?: 'dark' | 'light';
}) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items = allowedNavItems(can, roles);
  const selected = items.find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))?.path;
  return (
    <Menu
      theme={theme}
      mode="inline"
      aria-label={t('nav.navigation')}
      data-testid="nav-menu"
      selectedKeys={selected ? [selected] : []}
      onClick={onNavigate}
      items={items.map((item) => ({
        key: item.path,
        icon: item.icon,
        label: (
          <Link to={item.path} data-testid={item.testId}>
            {t(item.labelKey)}
          </Link>
        ),
      }))}
    />
  );
}
