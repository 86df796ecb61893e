import { useEffect, useState } from 'react';
import { getData } from './api.ts';
import type { PublicConfig } from './types.ts';
import { useLoad } from './use-load.ts';

/** The phone's position, or null when it is refused or takes more than a few seconds. */
export function currentPosition(): Promise<[number, number] | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve([p.coords.longitude, p.coords.latitude]),
      () => resolve(null),
      { timeout: 6000, maximumAge: 60_000 },
    );
  });
}

/**
 * Where a page looks around: the phone's position once it is known, or the district's centre when the phone
 * refuses it (`start` is null until one of them is known). `setCenter` moves it (a map dragged elsewhere).
 */
export function useStartPoint() {
  const [center, setCenter] = useState<[number, number] | null>(null);
  const [located, setLocated] = useState<boolean | null>(null);
  const config = useLoad('config', () => getData<PublicConfig>('/api/config'));
  useEffect(() => {
    let live = true;
    void currentPosition().then((p) => {
      if (!live) return;
      setLocated(p !== null);
      if (p) setCenter(p);
    });
    return () => {
      live = false;
    };
  }, []);
  const start = center ?? (located === false ? (config.data?.district?.center ?? null) : null);
  return { start, located, config, setCenter };
}
