import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, getData, request } from '../api.ts';
import { Icon } from '../components/icons.tsx';
import { Page } from '../components/page.tsx';
import { RequireGridWorker } from '../components/require-grid-worker.tsx';
import { Empty, ErrorNotice, Loading } from '../components/states.tsx';
import { formatDateTime } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';
import './visits.css';
import { NeedCard } from './need-card.tsx';
import { keepHouseholds, keptHouseholds } from './offline.ts';
import type { Coverage, HouseholdItem, NeedItem } from './visit-types.ts';
import { WorkPhone } from './work-phone.tsx';

const TABS = ['todo', 'all', 'replies'] as const;
type Tab = (typeof TABS)[number];
type Position = { lng: number; lat: number };

interface Listing {
  rows: HouseholdItem[];
  offline: boolean;
  quarter: string | null;
}

/** Households of the worker's grids; offline, the last list kept on the phone (masked). */
async function loadHouseholds(userId: string, tab: Tab, q: string, near: Position | null): Promise<Listing> {
  const params = new URLSearchParams({ limit: '200' });
  if (tab === 'todo') params.set('notVisited', 'true');
  if (q) params.set('q', q);
  if (near) {
    params.set('lng', String(near.lng));
    params.set('lat', String(near.lat));
  }
  try {
    const res = await request<{ data: HouseholdItem[]; quarter: string }>(
      'GET',
      `/api/visits/households?${params}`,
    );
    if (tab === 'all' && !q) keepHouseholds(userId, res.body.data);
    return { rows: res.body.data, offline: false, quarter: res.body.quarter };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 0) throw err;
    const kept = keptHouseholds(userId).filter((h) => tab !== 'todo' || !h.visitedInPeriod);
    return { rows: kept, offline: true, quarter: null };
  }
}

function HouseholdRow({ h }: { h: HouseholdItem }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link className="m-card m-card-link" to={`/visits/${h.id}`} data-testid="household-item">
        <span className="m-row-between">
          <span className="m-card-title">
            {h.building ?? h.gridName} · {h.head ?? '—'}
          </span>
          {h.visitedInPeriod ? (
            <span className="m-badge m-state-closed">{t('visits.visitedThisQuarter')}</span>
          ) : (
            h.distanceM !== null && <span className="m-meta">{t('visits.distance', { m: h.distanceM })}</span>
          )}
        </span>
        <span className="m-meta">{h.address}</span>
        <span className="m-meta">
          {t('visits.members', { n: h.size })}
          {h.elders > 0 && ` · ${t('visits.elders', { n: h.elders })}`} ·{' '}
          {h.lastVisitAt
            ? t('visits.lastVisit', { date: formatDateTime(h.lastVisitAt) })
            : t('visits.neverVisited')}
        </span>
      </Link>
    </li>
  );
}

function Progress({ grid }: { grid: string }) {
  const { t } = useTranslation();
  const cov = useLoad(grid, () =>
    getData<{ quarter: string; total: Coverage }>(`/api/visits/coverage?org=${grid}`),
  );
  if (!cov.data) return null;
  const { total, quarter } = cov.data;
  const share = total.coverage ?? 0;
  return (
    <div className="m-card" data-testid="visit-progress">
      <p className="m-meta" id="visit-progress-text">
        {t('visits.progress', { quarter, visited: total.visitedHouseholds, total: total.households })}
      </p>
      <div
        className="m-progress"
        role="progressbar"
        aria-labelledby="visit-progress-text"
        aria-valuenow={Math.round(share * 100)}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <span style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
    </div>
  );
}

function Replies() {
  const { t } = useTranslation();
  const needs = useLoad('replies', () => getData<NeedItem[]>('/api/visits/needs/awaiting-reply'));
  if (needs.loading && !needs.data) return <Loading />;
  if (!needs.data) return <ErrorNotice error={needs.error} onRetry={needs.reload} />;
  if (!needs.data.length) return <Empty>{t('visits.empty.replies')}</Empty>;
  return (
    <ul className="m-list">
      {needs.data.map((n) => (
        <li key={n.id}>
          <NeedCard need={n} onReplied={needs.reload} householdLink />
        </li>
      ))}
    </ul>
  );
}

function Households({ tab }: { tab: Exclude<Tab, 'replies'> }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [near, setNear] = useState<Position | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const key = `${tab}|${query}|${near ? `${near.lng},${near.lat}` : ''}`;
  const list = useLoad(me ? key : null, () => loadHouseholds(me!.id, tab, query, near));
  const locate = () => {
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setNear({ lng: p.coords.longitude, lat: p.coords.latitude });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };
  return (
    <div className="m-stack">
      <form
        className="m-row"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(q.trim());
        }}
      >
        <label className="m-search m-grow">
          <Icon name="search" size={20} />
          <span className="m-visually-hidden">{t('visits.search')}</span>
          <input
            type="search"
            value={q}
            placeholder={t('visits.search')}
            onChange={(e) => setQ(e.target.value)}
            enterKeyHint="search"
            data-testid="household-search"
          />
        </label>
        <button type="button" className="m-btn m-btn-small" onClick={locate} aria-pressed={near !== null}>
          <Icon name="gps" size={18} />
          {t('visits.nearest')}
        </button>
      </form>
      {locating === 'busy' && <p className="m-hint">{t('visits.locating')}</p>}
      {locating === 'failed' && <p className="m-hint">{t('visits.noLocation')}</p>}
      {near && <p className="m-hint">{t('visits.nearestOn')}</p>}
      {list.data?.offline && (
        <p className="m-notice m-notice-warn" role="status">
          {t('visits.offlineList')}
        </p>
      )}
      {list.loading && !list.data && <Loading />}
      {list.error !== null && !list.loading && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.data &&
        (list.data.rows.length === 0 ? (
          <Empty>{t(`visits.empty.${tab}`)}</Empty>
        ) : (
          <ul className="m-list">
            {list.data.rows.map((h) => (
              <HouseholdRow key={h.id} h={h} />
            ))}
          </ul>
        ))}
    </div>
  );
}

/** /m/visits: the households of my grid (not yet visited this quarter first), and the replies I owe. */
export default function VisitsPage() {
  const { t } = useTranslation();
  const { gridCodes } = useSession();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'todo';
  return (
    <Page title={t('visits.title')} back="/" testId="visits-page">
      <RequireGridWorker>
        <div className="m-stack">
          {gridCodes[0] && <Progress grid={gridCodes[0]} />}
          <div className="m-tabs" role="tablist" aria-label={t('visits.title')}>
            {TABS.map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={tab === k}
                className="m-tab"
                onClick={() => setParams({ tab: k }, { replace: true })}
                data-testid={`visits-tab-${k}`}
              >
                {t(`visits.tabs.${k}`)}
              </button>
            ))}
          </div>
          {tab === 'replies' ? <Replies /> : <Households key={tab} tab={tab} />}
          <WorkPhone />
        </div>
      </RequireGridWorker>
    </Page>
  );
}
