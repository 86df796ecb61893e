import { AutoComplete, Input, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppConfig } from '../../api/queries.ts';
import { useOrgGeojsonUnder } from '../../api/stats.ts';
import { createMap, maplibregl } from '../../components/maplibre.ts';
import { useDebounced } from '../../components/use-debounced.ts';
import { type PlaceHit, type Spot, usePlaces } from './intake-api.ts';

interface Props {
  spot: Spot | null;
  onSpot: (spot: Spot, hit?: PlaceHit) => void;
  /** the words for another form than the intake's (the volunteer activity's place) */
  texts?: { mapLabel: string; noPin: string };
}

/** The place of a call: search the archive's buildings and the grids by text, or click the map to pin it. */
export function PlaceField({ spot, onSpot, texts }: Props) {
  const { t } = useTranslation();
  const config = useAppConfig();
  const [text, setText] = useState('');
  const settled = useDebounced(text.trim(), 250);
  const places = usePlaces(settled);
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const marker = useRef<maplibregl.Marker | null>(null);
  const pick = useRef(onSpot);
  pick.current = onSpot;
  // the grids drawn under the pin, so a click lands in a recognisable place even without a base map
  const grids = useOrgGeojsonUnder('grid', config.data?.district?.code ?? '');
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (!box.current || config.isPending) return;
    const center = config.data?.district?.center ?? [105, 35];
    const instance = createMap({
      container: box.current,
      tileUrl: config.data?.tileUrl ?? null,
      center,
      zoom: config.data?.district?.center ? 12 : 3,
    });
    if (!instance) return;
    instance.getCanvas().setAttribute('aria-label', texts?.mapLabel ?? t('intake.mapLabel'));
    instance.on('click', (e) => pick.current({ lng: e.lngLat.lng, lat: e.lngLat.lat }));
    instance.on('load', () => {
      instance.addSource('grids', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      instance.addLayer({
        id: 'grid-line',
        type: 'line',
        source: 'grids',
        paint: { 'line-color': '#1f5fbf', 'line-width': 1 },
      });
      setLoaded(true);
    });
    map.current = instance;
    return () => {
      instance.remove();
      map.current = null;
      marker.current = null;
      setLoaded(false);
    };
  }, [config.isPending, config.data, t, texts?.mapLabel]);

  useEffect(() => {
    if (loaded && grids.data) map.current?.getSource<maplibregl.GeoJSONSource>('grids')?.setData(grids.data);
  }, [loaded, grids.data]);

  // the pin follows the chosen spot, whether it came from the search or a click
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!spot) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    marker.current ??= new maplibregl.Marker({ color: '#d4380d' }).setLngLat([spot.lng, spot.lat]).addTo(m);
    marker.current.setLngLat([spot.lng, spot.lat]);
    m.easeTo({ center: [spot.lng, spot.lat], zoom: Math.max(m.getZoom(), 15), duration: 0 });
  }, [spot]);

  const hits = places.data ?? [];
  return (
    <div className="intake-place">
      <AutoComplete
        value={text}
        onChange={setText}
        options={hits.map((h, i) => ({
          value: String(i),
          label: (
            <span data-testid="place-option">
              {h.address ?? h.name}
              <Typography.Text type="secondary">
                {' '}
                {h.address ? `${h.name} · ${h.area}` : h.area}
              </Typography.Text>
            </span>
          ),
        }))}
        onSelect={(i: string) => {
          const h = hits[Number(i)]!;
          setText(h.address ?? h.name);
          onSpot({ lng: h.lng, lat: h.lat }, h);
        }}
        notFoundContent={settled && !places.isFetching ? t('intake.placeNone') : null}
        style={{ width: '100%' }}
      >
        <Input
          allowClear
          placeholder={t('intake.placeSearch')}
          aria-label={t('intake.placeSearch')}
          data-testid="intake-place-search"
        />
      </AutoComplete>
      <div ref={box} className="intake-map" data-testid="intake-map" />
      <Typography.Text type="secondary" data-testid="intake-pin">
        {spot
          ? t('intake.pinned', { lat: spot.lat.toFixed(5), lng: spot.lng.toFixed(5) })
          : (texts?.noPin ?? t('intake.noPin'))}
      </Typography.Text>
    </div>
  );
}
