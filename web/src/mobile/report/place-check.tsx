import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api.ts';

interface Place {
  inArea: boolean;
  area: { nameZh: string; nameEn: string } | null;
}

/**
 * Names the community and grid of the chosen place, or warns before sending that it lies outside the
 * district's grids (the report is still accepted and referred onwards — 转办). Silent when offline: the report
 * form keeps working without the server.
 */
export function PlaceCheck({ lat, lng }: { lat: number; lng: number }) {
  const { t, i18n } = useTranslation();
  const [place, setPlace] = useState<Place | null>(null);
  useEffect(() => {
    let live = true;
    setPlace(null);
    request<{ data: Place }>('GET', `/api/public/place?lng=${lng}&lat=${lat}`)
      .then((res) => live && res.status === 200 && setPlace(res.body.data))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [lat, lng]);
  if (!place) return null;
  if (!place.inArea) {
    return (
      <p className="m-notice m-notice-warn" role="alert" data-testid="report-outside">
        {t('report.outsideArea')}
      </p>
    );
  }
  return (
    <p className="m-hint" data-testid="report-area">
      {t('report.inArea', { area: i18n.language === 'en-US' ? place.area!.nameEn : place.area!.nameZh })}
    </p>
  );
}
