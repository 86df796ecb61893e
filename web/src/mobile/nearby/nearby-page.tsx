import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { getData } from '../api.ts';
import { Page } from '../components/page.tsx';
import { Empty, ErrorNotice, Loading } from '../components/states.tsx';
import { formatDateTime } from '../i18n/index.ts';
import { useStartPoint } from '../position.ts';
import { useLoad } from '../use-load.ts';
import type { NearbyCase } from './types.ts';

const NearbyMap = lazy(() => import('./nearby-map.tsx'));

function NearbyItem({ c, selected }: { c: NearbyCase; selected: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <li id={`nearby-${c.id}`}>
      <article className={`m-card m-nearby${selected ? ' m-nearby-selected' : ''}`} data-testid="nearby-item">
        <span className="m-row-between">
          <span className="m-card-title">
            {i18n.language === 'en-US' ? c.category.nameEn : c.category.nameZh}
          </span>
          <span className={`m-badge m-state-${c.state}`}>{t(`state.${c.state}`)}</span>
        </span>
        <span className="m-task-desc">{c.description}</span>
        {c.photoId && (
          <img className="m-nearby-photo" src={`/api/photos/${c.photoId}/thumb`} alt={t('nearby.photo')} />
        )}
        <span className="m-meta">
          {t('nearby.distance', { m: c.distanceM })}
          {c.address ? ` · ${c.address}` : ''}
        </span>
        <span className="m-meta">
          {c.closedAt
            ? t('nearby.closedAt', { date: formatDateTime(c.closedAt) })
            : t('nearby.reportedAt', { date: formatDateTime(c.reportedAt) })}
        </span>
      </article>
    </li>
  );
}

/**
 * /m/nearby: the public reports around the resident (FixMyStreet's "reports nearby"), on a map and as a list,
 * so a problem already known is not reported again. Public presenter only (GET /api/nearby); moving the map
 * looks around its new centre.
 */
export default function NearbyPage() {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<number | null>(null);
  const { start, located, config, setCenter } = useStartPoint();
  const key = start ? `${start[0].toFixed(4)},${start[1].toFixed(4)}` : null;
  const list = useLoad(key, () =>
    getData<NearbyCase[]>(`/api/nearby?lng=${start![0]}&lat=${start![1]}&radius=1000`),
  );

  const select = (id: number) => {
    setSelected(id);
    document.getElementById(`nearby-${id}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };

  return (
    <Page title={t('nearby.title')} back="/" testId="nearby-page">
      <p className="m-lead">{t('nearby.intro')}</p>
      {located === false && <p className="m-hint">{t('nearby.noLocation')}</p>}
      {!start ? (
        located === null || config.loading ? (
          <p className="m-hint" role="status">
            {t('nearby.locating')}
          </p>
        ) : (
          <ErrorNotice error={config.error} onRetry={config.reload} />
        )
      ) : (
        <Suspense fallback={<div className="m-map" aria-busy="true" />}>
          <NearbyMap
            center={start}
            cases={list.data ?? []}
            tileUrl={config.data?.tileUrl ?? null}
            onMoved={(c) => setCenter(c)}
            onSelect={select}
          />
        </Suspense>
      )}
      {list.loading && !list.data ? (
        start && <Loading />
      ) : list.error ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : list.data && list.data.length === 0 ? (
        <Empty>{t('nearby.empty')}</Empty>
      ) : (
        <ul className="m-list" data-testid="nearby-list">
          {(list.data ?? []).map((c) => (
            <NearbyItem key={c.id} c={c} selected={c.id === selected} />
          ))}
        </ul>
      )}
      <Link className="m-btn m-btn-primary m-btn-block" to="/report" data-testid="nearby-report">
        {t('nearby.reportNew')}
      </Link>
    </Page>
  );
}
