import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';
import { Page } from './components/page.tsx';
import { Loading } from './components/states.tsx';
import { LandingPage } from './pages/landing-page.tsx';
import { SessionProvider } from './session.tsx';

// Every page but the landing page is its own chunk: /m/report loads the shell and the report form only.
const ReportPage = lazy(() => import('./pages/report-page.tsx'));
const TrackPage = lazy(() => import('./track/track-page.tsx'));
const LoginPage = lazy(() => import('./pages/login-page.tsx'));
const TasksPage = lazy(() => import('./tasks/tasks-page.tsx'));
const TaskDetailPage = lazy(() => import('./tasks/task-detail-page.tsx'));
const PatrolPage = lazy(() => import('./pages/patrol-page.tsx'));
const GridPage = lazy(() => import('./pages/grid-page.tsx'));
const FollowedPage = lazy(() => import('./follows/followed-page.tsx'));
const InspectionsPage = lazy(() => import('./inspections/inspections-page.tsx'));
const InspectionPage = lazy(() => import('./inspections/inspection-page.tsx'));
const VisitsPage = lazy(() => import('./visits/visits-page.tsx'));
const HouseholdPage = lazy(() => import('./visits/household-page.tsx'));
const NearbyPage = lazy(() => import('./nearby/nearby-page.tsx'));
const CarePage = lazy(() => import('./care/care-page.tsx'));
const CareAlertPage = lazy(() => import('./care/care-alert-page.tsx'));
const CheckinPage = lazy(() => import('./care/checkin-page.tsx'));
const DirectoryPage = lazy(() => import('./directory/directory-page.tsx'));
const VolunteerPage = lazy(() => import('./volunteers/volunteer-page.tsx'));
const VolunteerCheckPage = lazy(() => import('./volunteers/check-page.tsx'));

function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t('app.name')} back="/">
      <p className="m-empty">{t('errors.notFound')}</p>
      <Link className="m-btn m-btn-primary m-btn-block" to="/">
        {t('common.home')}
      </Link>
    </Page>
  );
}

/** The phone pages under /m/: resident reporting and tracking, and the grid worker's tasks. */
export function MobileApp() {
  return (
    <BrowserRouter basename="/m">
      <SessionProvider>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<LandingPage />} />
            <Route path="/report" element={<ReportPage />} />
            <Route path="/track" element={<TrackPage />} />
            <Route path="/track/:code" element={<TrackPage />} />
            <Route path="/followed/code/:followerCode" element={<FollowedPage />} />
            <Route path="/followed/case/:handle" element={<FollowedPage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/tasks" element={<TasksPage />} />
            <Route path="/tasks/:id" element={<TaskDetailPage />} />
            <Route path="/patrol" element={<PatrolPage />} />
            <Route path="/grid" element={<GridPage />} />
            <Route path="/inspections" element={<InspectionsPage />} />
            <Route path="/inspections/:id" element={<InspectionPage />} />
            <Route path="/visits" element={<VisitsPage />} />
            <Route path="/visits/:id" element={<HouseholdPage />} />
            <Route path="/nearby" element={<NearbyPage />} />
            <Route path="/care" element={<CarePage />} />
            <Route path="/care/alerts/:id" element={<CareAlertPage />} />
            <Route path="/checkin" element={<CheckinPage />} />
            <Route path="/directory" element={<DirectoryPage />} />
            <Route path="/volunteer" element={<VolunteerPage />} />
            <Route path="/volunteer/check" element={<VolunteerCheckPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </SessionProvider>
    </BrowserRouter>
  );
}
