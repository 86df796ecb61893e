import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  InboxOutlined,
  KeyOutlined,
  ScheduleOutlined,
  SendOutlined,
  TagsOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { Action, Role } from '@civicgrid/shared';
import type { ReactNode } from 'react';
import type { Abilities } from '../../api/types.ts';
import { AREA_ROLES, DASHBOARD_ROLES, hasAnyRole, SUPERVISION_ROLES } from '../../components/user-roles.ts';

interface NavItem {
  path: string;
  labelKey:
    | 'nav.desk'
    | 'nav.inbox'
    | 'nav.dashboard'
    | 'nav.supervision'
    | 'nav.org'
    | 'nav.users'
    | 'nav.audit'
    | 'nav.open311'
    | 'tokens.nav'
    | 'admin.nav.categories'
    | 'admin.nav.calendar'
    | 'admin.nav.workflow'
    | 'admin.nav.units'
    | 'admin.nav.webhooks';
  testId: string;
  /** the permission that opens it, or the roles that do (case scenes follow roles, not permissions) */
  ability?: Action;
  roles?: readonly Role[];
  icon: ReactNode;
}

// The first entry a user may open is their start page: the desk for dispatchers, the inbox for units,
// the dashboard for leaders.
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/desk', labelKey: 'nav.desk', testId: 'menu-desk', roles: AREA_ROLES, icon: <ScheduleOutlined /> },
  {
    path: '/inbox',
    labelKey: 'nav.inbox',
    testId: 'menu-inbox',
    roles: ['unit_handler'],
    icon: <InboxOutlined />,
  },
  {
    path: '/dashboard',
    labelKey: 'nav.dashboard',
    testId: 'menu-dashboard',
    roles: DASHBOARD_ROLES,
    icon: <DashboardOutlined />,
  },
  {
    path: '/supervision',
    labelKey: 'nav.supervision',
    testId: 'menu-supervision',
    roles: SUPERVISION_ROLES,
    icon: <WarningOutlined />,
  },
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
  {
    path: '/open311',
    labelKey: 'nav.open311',
    testId: 'menu-open311',
    ability: 'org.manage',
    icon: <ApiOutlined />,
  },
  {
    path: '/tokens',
    labelKey: 'tokens.nav',
    testId: 'menu-tokens',
    ability: 'token.create',
    icon: <KeyOutlined />,
  },
  {
    path: '/categories',
    labelKey: 'admin.nav.categories',
    testId: 'menu-categories',
    ability: 'org.manage',
    icon: <TagsOutlined />,
  },
  {
    path: '/calendar',
    labelKey: 'admin.nav.calendar',
    testId: 'menu-calendar',
    ability: 'org.manage',
    icon: <CalendarOutlined />,
  },
  {
    path: '/workflow',
    labelKey: 'admin.nav.workflow',
    testId: 'menu-workflow',
    ability: 'org.manage',
    icon: <FieldTimeOutlined />,
  },
  {
    path: '/units',
    labelKey: 'admin.nav.units',
    testId: 'menu-units',
    ability: 'unit.manage',
    icon: <BankOutlined />,
  },
  {
    path: '/webhooks',
    labelKey: 'admin.nav.webhooks',
    testId: 'menu-webhooks',
    ability: 'org.manage',
    icon: <SendOutlined />,
  },
];

/** The menu entries this user may open. */
export function allowedNavItems(can: Abilities, roles: readonly Role[] = []): NavItem[] {
  return NAV_ITEMS.filter((item) =>
    item.roles ? hasAnyRole(roles, item.roles) : item.ability ? can[item.ability] : false,
  );
}
