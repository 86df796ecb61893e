import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/queries.ts';
import type { maplibregl } from '../../components/maplibre.ts';
import { fetchDevices } from './care-devices-api.ts';

const SOURCE = 'care-devices';
const LAYER = 'care-device-points';

/**
 * The device-health layer of the dashboard map (一张图): the caller's live care devices as points, green when
 * heard from within their heartbeat interval, red when silent; hovering names the device and its state. Only
 * for callers who read devices (device.read); nothing is fetched for anyone else.
 */
export function useDeviceHealthLayer(map: maplibregl.Map | null): void {
  const { t } = useTranslation();
  const allowed = useMe().data?.can['device.read'] ?? false;
  const devices = useQuery({
    queryKey: ['care-devices', 'map'],
    queryFn: () => fetchDevices({}),
    enabled: allowed,
    refetchInterval: 60_000,
  });
  useEffect(() => {
    if (!map || !devices.data) return;
    const data = {
      type: 'FeatureCollection' as const,
      features: devices.data
        .filter((d) => d.lng !== null && d.lat !== null && d.health !== 'retired')
        .map((d) => ({
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [d.lng!, d.lat!] },
          properties: { id: d.id, label: `${d.name} · ${t(`careDevices.${d.health}`)}`, health: d.health },
        })),
    };
    const source = map.getSource<maplibregl.GeoJSONSource>(SOURCE);
    if (source) {
      source.setData(data);
      return;
    }
    map.addSource(SOURCE, { type: 'geojson', data });
    map.addLayer({
      id: LAYER,
      type: 'circle',
      source: SOURCE,
      paint: {
        'circle-radius': 5,
        'circle-color': ['match', ['get', 'health'], 'silent', '#f5222d', '#13c2c2'],
        'circle-stroke-color': '#1d2b4f',
        'circle-stroke-width': 1,
      },
    });
    // the device's name and state as the point's tooltip, beside the case points' popups
    map.on('mousemove', LAYER, (e) => {
      map.getCanvas().title = String(e.features?.[0]?.properties?.label ?? '');
    });
    map.on('mouseleave', LAYER, () => {
      map.getCanvas().title = '';
    });
  }, [map, devices.data, t]);
}
