import { useEffect, useRef, useState } from 'react';
import { baseStyle, mapLocale } from './map-style.ts';
import { maplibregl } from './maplibre.ts';

/** A small map of one place with its marker (the case page of a grid worker); nothing if maps cannot draw. */
export default function SpotMap({
  lng,
  lat,
  tileUrl,
  label,
}: {
  lng: number;
  lat: number;
  tileUrl: string | null;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const first = useRef({ lng, lat, tileUrl, label });
  useEffect(() => {
    if (!box.current) return;
    const { lng, lat, tileUrl, label } = first.current;
    let m: maplibregl.Map;
    try {
      m = new maplibregl.Map({
        container: box.current,
        style: baseStyle(tileUrl),
        center: [lng, lat],
        zoom: 16,
        attributionControl: tileUrl ? { compact: true } : false,
        dragRotate: false,
        pitchWithRotate: false,
        locale: mapLocale(document.documentElement.lang),
      });
    } catch {
      setFailed(true);
      return;
    }
    m.getCanvas().setAttribute('aria-label', label);
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    new maplibregl.Marker({ color: '#cf1322' }).setLngLat([lng, lat]).addTo(m);
    return () => m.remove();
  }, []);
  if (failed) return null;
  return <div ref={box} className="m-map m-map-small" data-testid="spot-map" />;
}
