import { ApartmentOutlined, AuditOutlined, TeamOutlined } from '@ant-design/icons';
import type { Action } from '@civicgrid/shared';
import type { ReactNode } from 'react';
import type { Abilities } from '../../api/types.ts';

interface NavItem {
  path: string;
  labelKey: 'nav.org' | 'nav.users' | 'nav.audit';
  testId: string;
  ability: Action;
  icon: ReactNode;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/org', labelKey: 'nav.org', testId: 'menu-org', ability: 'org.read', icon: <ApartmentOutlined /> },
  {
    path: '/users',
    labelKey: 'nav.users',
    testId: 'menu-users',
    ability: 'user.read',
    icon: <TeamOutlined />,
  },
  {
    path: '/audit',
    labelKey: 'nav.audit',
    testId: 'menu-audit',
    ability: 'audit.read',
    icon: <AuditOutlined />,
  },
];

/** The menu entries this user may open. */
export function allowedNavItems(can: Abilities): NavItem[] {
  return NAV_ITEMS.filter((item) => can[item.ability]);
}
