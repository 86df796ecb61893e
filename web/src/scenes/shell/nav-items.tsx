import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BuildOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ControlOutlined,
  DashboardOutlined,
  DesktopOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  FlagOutlined,
  HeartOutlined,
  IdcardOutlined,
  InboxOutlined,
  KeyOutlined,
  PhoneOutlined,
  ScheduleOutlined,
  SendOutlined,
  ShopOutlined,
  StarOutlined,
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
    | 'scores.nav'
    | 'bulletins.nav'
    | 'insp.nav'
    | 'rect.nav'
    | 'people.nav'
    | 'care.nav'
    | 'careRoster.nav'
    | 'admin.nav.categories'
    | 'admin.nav.calendar'
    | 'admin.nav.workflow'
    | 'admin.nav.units'
    | 'admin.nav.webhooks'
    | 'intake.nav'
    | 'careDevices.nav'
    | 'fiveStar.nav'
    | 'dir.nav'
    | 'supAdmin.nav'
    | 'supAdmin.setupNav'
    | 'bld.nav'
    | 'vol.nav'
    | 'screen.nav';
  testId: string;
  /** the permission that opens it, or the roles that do (case scenes follow roles, not permissions) */
  ability?: Action;
  roles?: readonly Role[];
  icon: ReactNode;
}

// who reads the rectification list: inspection readers over their area, and units for their own rows
const RECTIFICATION_ROLES: readonly Role[] = [
  'leader',
  'inspector',
  'district_admin',
  'dispatcher',
  'street_staff',
  'community_staff',
  'unit_handler',
];

// Who registers cases from the staff channels (12345, leaders, media, devices): the server checks each channel.
// Listed after the dashboard, so a leader still starts on the dashboard and a dispatcher on the desk.
const INTAKE_ROLES: readonly Role[] = ['dispatcher', 'district_admin', 'street_staff', 'leader'];

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
  // the dashboard full-screen for the command centre's display (after it, so the dashboard stays the start page)
  {
    path: '/screen',
    labelKey: 'screen.nav',
    testId: 'menu-screen',
    roles: DASHBOARD_ROLES,
    icon: <DesktopOutlined />,
  },
  {
    path: '/intake',
    labelKey: 'intake.nav',
    testId: 'menu-intake',
    roles: INTAKE_ROLES,
    icon: <PhoneOutlined />,
  },
  {
    path: '/supervision',
    labelKey: 'nav.supervision',
    testId: 'menu-supervision',
    roles: SUPERVISION_ROLES,
    icon: <WarningOutlined />,
  },
  {
    path: '/rankings',
    labelKey: 'scores.nav',
    testId: 'menu-rankings',
    roles: DASHBOARD_ROLES,
    icon: <FlagOutlined />,
  },
  {
    path: '/bulletins',
    labelKey: 'bulletins.nav',
    testId: 'menu-bulletins',
    roles: DASHBOARD_ROLES,
    icon: <FileTextOutlined />,
  },
  {
    path: '/inspections',
    labelKey: 'insp.nav',
    testId: 'menu-inspections',
    ability: 'inspection.read',
    icon: <CalendarOutlined />,
  },
  {
    path: '/rectifications',
    labelKey: 'rect.nav',
    testId: 'menu-rectifications',
    roles: RECTIFICATION_ROLES,
    icon: <CheckSquareOutlined />,
  },
  {
    path: '/five-star',
    labelKey: 'fiveStar.nav',
    testId: 'menu-five-star',
    ability: 'fivestar.read',
    icon: <StarOutlined />,
  },
  {
    path: '/directory',
    labelKey: 'dir.nav',
    testId: 'menu-directory',
    ability: 'directory.manage',
    icon: <ShopOutlined />,
  },
  { path: '/org', labelKey: 'nav.org', testId: 'menu-org', ability: 'org.read', icon: <ApartmentOutlined /> },
  {
    path: '/people',
    labelKey: 'people.nav',
    testId: 'menu-people',
    ability: 'people.read',
    icon: <IdcardOutlined />,
  },
  {
    path: '/care-devices',
    labelKey: 'careDevices.nav',
    testId: 'menu-care-devices',
    ability: 'device.read',
    icon: <ApiOutlined />,
  },
  {
    path: '/care',
    labelKey: 'care.nav',
    testId: 'menu-care',
    ability: 'care.watch',
    icon: <HeartOutlined />,
  },
  {
    path: '/care-roster',
    labelKey: 'careRoster.nav',
    testId: 'menu-care-roster',
    ability: 'care.roster',
    icon: <ScheduleOutlined />,
  },
  {
    path: '/buildings',
    labelKey: 'bld.nav',
    testId: 'menu-buildings',
    ability: 'people.manage',
    icon: <BuildOutlined />,
  },
  {
    path: '/volunteers',
    labelKey: 'vol.nav',
    testId: 'menu-volunteers',
    ability: 'volunteer.read',
    icon: <HeartOutlined />,
  },
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
  {
    path: '/inspection-setup',
    labelKey: 'supAdmin.setupNav',
    testId: 'menu-inspection-setup',
    ability: 'inspection.manage',
    icon: <EnvironmentOutlined />,
  },
  {
    path: '/supervision-settings',
    labelKey: 'supAdmin.nav',
    testId: 'menu-supervision-settings',
    ability: 'org.manage',
    icon: <ControlOutlined />,
  },
];

/** The menu entries this user may open. */
export function allowedNavItems(can: Abilities, roles: readonly Role[] = []): NavItem[] {
  return NAV_ITEMS.filter((item) =>
    item.roles ? hasAnyRole(roles, item.roles) : item.ability ? can[item.ability] : false,
  );
}
