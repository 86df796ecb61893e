import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icons.tsx';
import { Sheet } from '../components/sheet.tsx';
import { Loading } from '../components/states.tsx';
import { PlaceCheck } from './place-check.tsx';

// maplibre is ~250 KB gzipped: loaded only when someone opens the map
const PinMap = lazy(() => import('../map/pin-map.tsx'));

/** Where the problem is, from the phone's GPS or a pin on the map. */
export interface Spot {
  lat: number;
  lng: number;
  accuracy: number | null;
  via: 'gps' | 'map';
}

interface LocationFieldProps {
  value: Spot | null;
  onChange(spot: Spot): void;
  address: string;
  onAddress(address: string): void;
}

const fmt = (n: number) => n.toFixed(5);

/** GPS position or a pin on a small map, plus a free-text address or landmark. */
export function LocationField({ value, onChange, address, onAddress }: LocationFieldProps) {
  const { t } = useTranslation();
  const [locating, setLocating] = useState(false);
  const [gpsError, setGpsError] = useState<string | null>(null);
  const [mapOpen, setMapOpen] = useState(false);

  const locate = () => {
    setGpsError(null);
    if (!window.isSecureContext || !('geolocation' in navigator)) {
      setGpsError(t('report.gpsInsecure'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        onChange({
          lat: pos.coords.latitude,
          lng: pos.coords.longitude,
          accuracy: Math.round(pos.coords.accuracy),
          via: 'gps',
        });
      },
      (err) => {
        setLocating(false);
        setGpsError(
          err.code === err.PERMISSION_DENIED
            ? t('report.gpsDenied')
            : err.code === err.TIMEOUT
              ? t('report.gpsTimeout')
              : t('report.gpsUnavailable'),
        );
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <fieldset className="m-field">
      <legend className="m-label">{t('report.location')}</legend>
      <div className="m-row">
        <button
          type="button"
          className="m-btn m-btn-ghost"
          onClick={locate}
          disabled={locating}
          data-testid="report-gps"
        >
          <Icon name="gps" size={20} />
          {locating ? t('report.locating') : t('report.useGps')}
        </button>
        <button
          type="button"
          className="m-btn m-btn-ghost"
          onClick={() => setMapOpen(true)}
          data-testid="report-map"
        >
          <Icon name="map" size={20} />
          {t('report.pickOnMap')}
        </button>
      </div>
      <p className="m-hint" aria-live="polite" data-testid="report-location">
        {value
          ? value.via === 'gps'
            ? t('report.located', { lat: fmt(value.lat), lon: fmt(value.lng) }) +
              (value.accuracy !== null ? t('report.accuracy', { m: value.accuracy }) : '')
            : t('report.pinned', { lat: fmt(value.lat), lon: fmt(value.lng) })
          : t('report.noLocation')}
      </p>
      {value && <PlaceCheck lat={value.lat} lng={value.lng} />}
      {gpsError && (
        <p className="m-field-error" role="alert">
          {gpsError}
        </p>
      )}
      <label className="m-label m-label-sub" htmlFor="report-address">
        {t('report.address')} <span className="m-opt">{t('common.optionalMark')}</span>
      </label>
      <input
        id="report-address"
        className="m-input"
        value={address}
        maxLength={200}
        placeholder={t('report.addressPlaceholder')}
        onChange={(e) => onAddress(e.target.value)}
        data-testid="report-address"
      />
      {mapOpen && (
        <Sheet title={t('report.pickOnMap')} onClose={() => setMapOpen(false)} full testId="map-sheet">
          <Suspense fallback={<Loading />}>
            <PinMap
              start={value ? [value.lng, value.lat] : null}
              onPick={(lng, lat) => {
                onChange({ lat, lng, accuracy: null, via: 'map' });
                setMapOpen(false);
              }}
            />
          </Suspense>
        </Sheet>
      )}
    </fieldset>
  );
}
