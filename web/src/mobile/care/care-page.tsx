import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage, getData, postData } from '../api.ts';
import { Page } from '../components/page.tsx';
import { RequireGridWorker } from '../components/require-grid-worker.tsx';
import { Empty, ErrorNotice, Loading } from '../components/states.tsx';
import { formatDateTime } from '../i18n/index.ts';
import { useLoad } from '../use-load.ts';
import type { WatchedItem } from './care-types.ts';
import './care.css';

/** When the elder was last seen, or why they are not watched right now. */
export function SeenLine({ w }: { w: WatchedItem }) {
  const { t } = useTranslation();
  if (w.paused)
    return (
      <span className="m-meta">
        {t(`care.paused.${w.status as 'away'}`, { date: formatDateTime(w.statusUntil) })}
      </span>
    );
  return (
    <span className={w.overdue ? 'm-meta care-overdue' : 'm-meta'}>
      {w.lastSeenAt ? t('care.lastSeen', { date: formatDateTime(w.lastSeenAt) }) : t('care.neverSeen')}
      {w.overdue && ` · ${t('care.overdue')}`}
    </span>
  );
}

/** The one-tap buttons: seen in person (见到了) or spoken to on the phone (已电话联系). */
function SeenButtons({ w, onDone }: { w: WatchedItem; onDone: (w: WatchedItem) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tap = async (how: 'staff' | 'call') => {
    setBusy(true);
    setError(null);
    try {
      onDone(await postData<WatchedItem>(`/api/care/watched/${w.personId}/seen`, { how }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div className="care-taps">
        <button
          type="button"
          className="m-btn m-btn-primary"
          disabled={busy}
          onClick={() => void tap('staff')}
          data-testid="care-seen"
        >
          {t('care.seen')}
        </button>
        <button
          type="button"
          className="m-btn"
          disabled={busy}
          onClick={() => void tap('call')}
          data-testid="care-called"
        >
          {t('care.called')}
        </button>
      </div>
      {error && <p className="m-notice m-notice-error">{error}</p>}
    </>
  );
}

function ElderCard({ w, onDone }: { w: WatchedItem; onDone: (w: WatchedItem) => void }) {
  const { t } = useTranslation();
  return (
    <li
      className={w.alert ? 'm-card care-card care-card-alert' : 'm-card care-card'}
      data-testid="care-elder"
    >
      <span className="m-row-between">
        <span className="m-card-title">
          {w.name}
          {w.age !== null && ` · ${w.age}岁`}
        </span>
        {w.alert && <span className="m-badge care-badge-alert">{t('care.alert')}</span>}
      </span>
      <span className="m-meta">
        {w.gridName} · {w.buildingAddress}
      </span>
      <SeenLine w={w} />
      {w.alert && (
        <Link
          className="m-btn m-btn-danger m-btn-block"
          to={`/care/alerts/${w.alert.caseId}`}
          data-testid="care-open-alert"
        >
          {t('care.alertRaised', { date: formatDateTime(w.alert.raisedAt) })} ·{' '}
          {t(`care.level.${w.alert.level}`)}
        </Link>
      )}
      <SeenButtons w={w} onDone={onDone} />
    </li>
  );
}

/** The grid worker's watched elders: open alerts on top, then the longest unseen; one tap records a sighting. */
export default function CarePage() {
  const { t } = useTranslation();
  const list = useLoad('care', () => getData<WatchedItem[]>('/api/care/watched'));
  const replace = (next: WatchedItem) =>
    list.setData((list.data ?? []).map((w) => (w.personId === next.personId ? next : w)));
  const alerts = (list.data ?? []).filter((w) => w.alert);
  const others = (list.data ?? []).filter((w) => !w.alert);
  return (
    <Page title={t('care.title')} back="/" testId="care-page">
      <RequireGridWorker>
        {list.loading && !list.data && <Loading />}
        {!list.data && !list.loading && <ErrorNotice error={list.error} onRetry={list.reload} />}
        {list.data && !list.data.length && <Empty>{t('care.empty')}</Empty>}
        {alerts.length > 0 && (
          <section className="m-section" aria-labelledby="care-alerts">
            <h2 id="care-alerts">{t('care.alertsTitle')}</h2>
            <ul className="m-list">
              {alerts.map((w) => (
                <ElderCard key={w.personId} w={w} onDone={replace} />
              ))}
            </ul>
          </section>
        )}
        <ul className="m-list">
          {others.map((w) => (
            <ElderCard key={w.personId} w={w} onDone={replace} />
          ))}
        </ul>
      </RequireGridWorker>
    </Page>
  );
}
