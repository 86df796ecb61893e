import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Icon, type IconName } from '../components/icons.tsx';
import { Page } from '../components/page.tsx';
import { FollowedList } from '../follows/followed-list.tsx';
import { runsInspections } from '../inspections/runners.ts';
import { outboxEvents } from '../outbox/outbox.ts';
import { listRecent } from '../outbox/recent.ts';
import { RecentList } from '../outbox/recent-list.tsx';
import { PendingList } from '../report/pending-list.tsx';
import { useSession } from '../session.tsx';

function Tile({
  to,
  icon,
  title,
  hint,
  testId,
  primary,
}: {
  to: string;
  icon: IconName;
  title: string;
  hint: string;
  testId: string;
  primary?: boolean;
}) {
  return (
    <Link to={to} className={primary ? 'm-tile m-tile-primary' : 'm-tile'} data-testid={testId}>
      <span className="m-tile-icon">
        <Icon name={icon} size={32} />
      </span>
      <span className="m-tile-text">
        <strong>{title}</strong>
        <span>{hint}</span>
      </span>
      <Icon name="right" size={20} />
    </Link>
  );
}

/** Re-renders whenever the outbox changes (a kept report was sent in the background). */
function useOutboxChanges(): void {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    outboxEvents.addEventListener('change', bump);
    return () => outboxEvents.removeEventListener('change', bump);
  }, []);
}

/**
 * /m/: report a problem, track a report, staff login; plus what this phone has sent or still keeps, and the
 * problems followed from it.
 */
export function LandingPage() {
  const { t } = useTranslation();
  const { me, gridCodes, logout } = useSession();
  useOutboxChanges();
  const recent = listRecent();
  return (
    <Page title={t('landing.title')} testId="landing-page">
      <p className="m-lead">{t('landing.subtitle')}</p>
      <nav className="m-tiles" aria-label={t('app.name')}>
        <Tile
          to="/report"
          icon="camera"
          title={t('landing.report')}
          hint={t('landing.reportHint')}
          testId="landing-report"
          primary
        />
        <Tile
          to="/nearby"
          icon="map"
          title={t('nearby.tile')}
          hint={t('nearby.tileHint')}
          testId="landing-nearby"
        />
        <Tile
          to="/directory"
          icon="pin"
          title={t('directory.tile')}
          hint={t('directory.tileHint')}
          testId="landing-directory"
        />
        <Tile
          to="/track"
          icon="search"
          title={t('landing.track')}
          hint={t('landing.trackHint')}
          testId="landing-track"
        />
        {me && gridCodes.length > 0 ? (
          <Tile
            to="/tasks"
            icon="list"
            title={t('landing.tasks')}
            hint={t('landing.tasksHint', { name: me.displayName })}
            testId="landing-tasks"
          />
        ) : (
          <Tile
            to="/login"
            icon="user"
            title={t('landing.login')}
            hint={t('landing.loginHint')}
            testId="landing-login"
          />
        )}
        {runsInspections(me) && (
          <Tile
            to="/inspections"
            icon="check"
            title={t('inspections.tile')}
            hint={t('inspections.tileHint')}
            testId="landing-inspections"
          />
        )}
        {me && gridCodes.length > 0 && (
          <Tile
            to="/visits"
            icon="user"
            title={t('visits.tile')}
            hint={t('visits.tileHint')}
            testId="landing-visits"
          />
        )}
        {me && gridCodes.length > 0 && (
          <Tile
            to="/care"
            icon="user"
            title={t('care.tile')}
            hint={t('care.tileHint')}
            testId="landing-care"
          />
        )}
        {me?.grants.some((g) => g.role === 'volunteer') && (
          <Tile
            to="/volunteer"
            icon="check"
            title={t('volunteers.tile')}
            hint={t('volunteers.tileHint')}
            testId="landing-volunteer"
            primary
          />
        )}
      </nav>
      {me && (
        <p className="m-hint m-row-between">
          <span>{t('landing.loggedInAs', { name: me.displayName })}</span>
          <button type="button" className="m-link" onClick={() => void logout()} data-testid="logout">
            {t('landing.logout')}
          </button>
        </p>
      )}
      <PendingList />
      <section className="m-section" aria-labelledby="recent-title">
        <h2 id="recent-title">{t('landing.recent')}</h2>
        <RecentList recent={recent} />
      </section>
      <FollowedList />
    </Page>
  );
}
