import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { PageSpin } from './components/page-spin.tsx';
import { LoginPage } from './scenes/login/login-page.tsx';

// Everything behind the login is loaded on demand, so the login page stays small (no maplibre, no tables).
const AppShell = lazy(() => import('./scenes/shell/app-shell.tsx').then((m) => ({ default: m.AppShell })));
const HomeRedirect = lazy(() =>
  import('./scenes/shell/home-redirect.tsx').then((m) => ({ default: m.HomeRedirect })),
);
const OrgPage = lazy(() => import('./scenes/org/org-page.tsx').then((m) => ({ default: m.OrgPage })));
const UsersPage = lazy(() => import('./scenes/users/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./scenes/audit/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const DeskPage = lazy(() => import('./scenes/desk/desk-page.tsx').then((m) => ({ default: m.DeskPage })));
const IntakePage = lazy(() =>
  import('./scenes/intake/intake-page.tsx').then((m) => ({ default: m.IntakePage })),
);
const InboxPage = lazy(() => import('./scenes/desk/inbox-page.tsx').then((m) => ({ default: m.InboxPage })));
const SupervisionPage = lazy(() =>
  import('./scenes/desk/supervision-page.tsx').then((m) => ({ default: m.SupervisionPage })),
);
const CasePage = lazy(() => import('./scenes/cases/case-page.tsx').then((m) => ({ default: m.CasePage })));
// maplibre and ECharts load only with the dashboard (and maplibre with the org and case pages).
const DashboardPage = lazy(() =>
  import('./scenes/dashboard/dashboard-page.tsx').then((m) => ({ default: m.DashboardPage })),
);
const Open311KeysPage = lazy(() =>
  import('./scenes/open311/open311-keys-page.tsx').then((m) => ({ default: m.Open311KeysPage })),
);
const TokensPage = lazy(() =>
  import('./scenes/tokens/tokens-page.tsx').then((m) => ({ default: m.TokensPage })),
);
const FiveStarPage = lazy(() =>
  import('./scenes/five-star/five-star-page.tsx').then((m) => ({ default: m.FiveStarPage })),
);
const FiveStarBranchPage = lazy(() =>
  import('./scenes/five-star/five-star-branch-page.tsx').then((m) => ({ default: m.FiveStarBranchPage })),
);
const FiveStarStandardsPage = lazy(() =>
  import('./scenes/five-star/five-star-standards-page.tsx').then((m) => ({
    default: m.FiveStarStandardsPage,
  })),
);
const DirectoryPage = lazy(() =>
  import('./scenes/directory/directory-page.tsx').then((m) => ({ default: m.DirectoryPage })),
);
const RankingsPage = lazy(() =>
  import('./scenes/scores/rankings-page.tsx').then((m) => ({ default: m.RankingsPage })),
);
const BulletinsPage = lazy(() =>
  import('./scenes/bulletins/bulletins-page.tsx').then((m) => ({ default: m.BulletinsPage })),
);
const BulletinPage = lazy(() =>
  import('./scenes/bulletins/bulletin-page.tsx').then((m) => ({ default: m.BulletinPage })),
);
const InspectionsPage = lazy(() =>
  import('./scenes/inspections/inspections-page.tsx').then((m) => ({ default: m.InspectionsPage })),
);
const RectificationsPage = lazy(() =>
  import('./scenes/rectifications/rectifications-page.tsx').then((m) => ({ default: m.RectificationsPage })),
);
const PeoplePage = lazy(() =>
  import('./scenes/people/people-page.tsx').then((m) => ({ default: m.PeoplePage })),
);
const HouseholdPage = lazy(() =>
  import('./scenes/people/household-page.tsx').then((m) => ({ default: m.HouseholdPage })),
);
const DoorPlatesPage = lazy(() =>
  import('./scenes/door-plates/door-plates-page.tsx').then((m) => ({ default: m.DoorPlatesPage })),
);
const CategoriesPage = lazy(() =>
  import('./scenes/categories/categories-page.tsx').then((m) => ({ default: m.CategoriesPage })),
);
const CalendarPage = lazy(() =>
  import('./scenes/calendar/calendar-page.tsx').then((m) => ({ default: m.CalendarPage })),
);
const WorkflowSettingsPage = lazy(() =>
  import('./scenes/settings/workflow-settings-page.tsx').then((m) => ({ default: m.WorkflowSettingsPage })),
);
const UnitsPage = lazy(() => import('./scenes/units/units-page.tsx').then((m) => ({ default: m.UnitsPage })));
const WebhooksPage = lazy(() =>
  import('./scenes/webhooks/webhooks-page.tsx').then((m) => ({ default: m.WebhooksPage })),
);
const CareDevicesPage = lazy(() =>
  import('./scenes/care-devices/care-devices-page.tsx').then((m) => ({ default: m.CareDevicesPage })),
);
const CarePage = lazy(() => import('./scenes/care/care-page.tsx').then((m) => ({ default: m.CarePage })));
const CareRosterPage = lazy(() =>
  import('./scenes/care/care-roster-page.tsx').then((m) => ({ default: m.CareRosterPage })),
);
const CheckinCardPage = lazy(() =>
  import('./scenes/care/checkin-card-page.tsx').then((m) => ({ default: m.CheckinCardPage })),
);
const SupervisionSettingsPage = lazy(() =>
  import('./scenes/supervision-admin/supervision-settings-page.tsx').then((m) => ({
    default: m.SupervisionSettingsPage,
  })),
);
const InspectionSetupPage = lazy(() =>
  import('./scenes/supervision-admin/inspection-setup-page.tsx').then((m) => ({
    default: m.InspectionSetupPage,
  })),
);
const BuildingsPage = lazy(() =>
  import('./scenes/buildings/buildings-page.tsx').then((m) => ({ default: m.BuildingsPage })),
);
const VolunteersPage = lazy(() =>
  import('./scenes/volunteers/volunteers-page.tsx').then((m) => ({ default: m.VolunteersPage })),
);
// the big screen draws its own dark frame for the command centre's display, outside the console shell
const ScreenPage = lazy(() =>
  import('./scenes/screen/screen-page.tsx').then((m) => ({ default: m.ScreenPage })),
);
const NotFound = lazy(() => import('./scenes/shell/not-found.tsx').then((m) => ({ default: m.NotFound })));

const suspended = (node: ReactNode) => <Suspense fallback={<PageSpin />}>{node}</Suspense>;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/door-plates', element: suspended(<DoorPlatesPage />) },
  { path: '/care/card', element: suspended(<CheckinCardPage />) },
  { path: '/screen', element: suspended(<ScreenPage />) },
  {
    path: '/',
    element: suspended(<AppShell />),
    children: [
      { index: true, element: suspended(<HomeRedirect />) },
      { path: 'org', element: suspended(<OrgPage />) },
      { path: 'users', element: suspended(<UsersPage />) },
      { path: 'audit', element: suspended(<AuditPage />) },
      { path: 'open311', element: suspended(<Open311KeysPage />) },
      { path: 'tokens', element: suspended(<TokensPage />) },
      { path: 'desk', element: suspended(<DeskPage />) },
      { path: 'intake', element: suspended(<IntakePage />) },
      { path: 'inbox', element: suspended(<InboxPage />) },
      { path: 'supervision', element: suspended(<SupervisionPage />) },
      { path: 'cases/:id', element: suspended(<CasePage />) },
      { path: 'dashboard', element: suspended(<DashboardPage />) },
      { path: 'rankings', element: suspended(<RankingsPage />) },
      { path: 'bulletins', element: suspended(<BulletinsPage />) },
      { path: 'bulletins/:id', element: suspended(<BulletinPage />) },
      { path: 'inspections', element: suspended(<InspectionsPage />) },
      { path: 'rectifications', element: suspended(<RectificationsPage />) },
      { path: 'people', element: suspended(<PeoplePage />) },
      { path: 'households/:id', element: suspended(<HouseholdPage />) },
      { path: 'categories', element: suspended(<CategoriesPage />) },
      { path: 'calendar', element: suspended(<CalendarPage />) },
      { path: 'workflow', element: suspended(<WorkflowSettingsPage />) },
      { path: 'units', element: suspended(<UnitsPage />) },
      { path: 'webhooks', element: suspended(<WebhooksPage />) },
      { path: 'care-devices', element: suspended(<CareDevicesPage />) },
      { path: 'care', element: suspended(<CarePage />) },
      { path: 'care-roster', element: suspended(<CareRosterPage />) },
      { path: 'five-star', element: suspended(<FiveStarPage />) },
      { path: 'five-star/standards/:year', element: suspended(<FiveStarStandardsPage />) },
      { path: 'five-star/:code/:year', element: suspended(<FiveStarBranchPage />) },
      { path: 'directory', element: suspended(<DirectoryPage />) },
      { path: 'supervision-settings', element: suspended(<SupervisionSettingsPage />) },
      { path: 'inspection-setup', element: suspended(<InspectionSetupPage />) },
      { path: 'buildings', element: suspended(<BuildingsPage />) },
      { path: 'volunteers', element: suspended(<VolunteersPage />) },
      { path: '*', element: suspended(<NotFound />) },
    ],
  },
]);
