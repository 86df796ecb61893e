import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { getData } from '../api.ts';
import type { CaseDetail, PublicConfig } from '../types.ts';
import { useLoad } from '../use-load.ts';

const SpotMap = lazy(() => import('../map/spot-map.tsx'));

/**
 * A navigation link the phone hands to its map app: 高德's URI API takes WGS-84 coordinates as they are
 * stored (coordinate=wgs84) and opens the app when installed, else its web page.
 */
export function navigationUrl(lng: number, lat: number, name: string): string {
  const q = new URLSearchParams({
    position: `${lng},${lat}`,
    name,
    coordinate: 'wgs84',
    callnative: '1',
  });
  return `https://uri.amap.com/marker?${q.toString()}`;
}

/** Where the case is: address, grid, a small map and a link to navigate there. */
export function CasePlace({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const config = useLoad('config', () => getData<PublicConfig>('/api/config'));
  const hasPoint = c.lng !== null && c.lat !== null;
  return (
    <section className="m-card" aria-labelledby="place-title" data-testid="case-place">
      <h2 id="place-title" className="m-section-title">
        {t('place.map')}
      </h2>
      <dl className="m-facts">
        {c.address && (
          <div className="m-fact">
            <dt>{t('detail.address')}</dt>
            <dd>{c.address}</dd>
          </div>
        )}
        {c.gridName && (
          <div className="m-fact">
            <dt>{t('place.grid')}</dt>
            <dd data-testid="case-grid">{c.gridName}</dd>
          </div>
        )}
      </dl>
      {hasPoint && (
        <>
          {config.data && (
            <Suspense fallback={<div className="m-map m-map-small" aria-busy="true" />}>
              <SpotMap lng={c.lng!} lat={c.lat!} tileUrl={config.data.tileUrl} label={t('place.map')} />
            </Suspense>
          )}
          <a
            className="m-btn m-btn-block"
            href={navigationUrl(c.lng!, c.lat!, c.address ?? c.gridName ?? '')}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="case-navigate"
          >
            {t('place.navigate')}
          </a>
        </>
      )}
    </section>
  );
}
