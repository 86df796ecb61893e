import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Light } from '../../api/case-types.ts';

/** A case point as the screen stream sends it (server: modules/screen/present-screen-point.ts). */
export interface ScreenPoint {
  id: number;
  state: string;
  categoryCode: string;
  light: Light | null;
  lng: number | null;
  lat: number | null;
  action: string;
  at: string;
  reportedAt: string;
}

/** The figures the screen refreshes when cases change: KPIs, per-node stats, trend and the case lists. */
const REFRESHED = [['stats'], ['cases'], ['screen']] as const;
/** At most one refresh of the figures per this many milliseconds, however fast cases arrive. */
const REFRESH_EVERY_MS = 10_000;

/**
 * Listens to the big screen's own live stream (`/api/screen/stream`, not the notification inbox): each changed
 * case goes to `onPoint` at once, and the figures around the map are refetched, at most every 10 s. Returns
 * whether the stream is open; EventSource reconnects by itself and resumes after the last event it saw, and each
 * (re)connection refetches the figures, so nothing missed while away stays missing.
 */
export function useScreenStream(org: string | null, onPoint: (p: ScreenPoint) => void): boolean {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const latest = useRef(onPoint);
  useEffect(() => {
    latest.current = onPoint;
  });
  useEffect(() => {
    if (!org || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/screen/stream?org=${org}`, { withCredentials: true });
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastRefresh = 0;
    const refresh = () => {
      timer = null;
      lastRefresh = Date.now();
      for (const queryKey of REFRESHED) void client.invalidateQueries({ queryKey });
    };
    const scheduleRefresh = () => {
      if (timer) return;
      timer = setTimeout(refresh, Math.max(0, lastRefresh + REFRESH_EVERY_MS - Date.now()));
    };
    source.onopen = () => {
      setOpen(true);
      scheduleRefresh();
    };
    source.onerror = () => setOpen(false);
    const onCase = (e: MessageEvent<string>) => {
      try {
        latest.current(JSON.parse(e.data) as ScreenPoint);
      } catch {
        // a malformed message changes nothing on the map; the figures still refresh below
      }
      scheduleRefresh();
    };
    source.addEventListener('case', onCase);
    return () => {
      if (timer) clearTimeout(timer);
      source.removeEventListener('case', onCase);
      source.close();
      setOpen(false);
    };
  }, [org, client]);
  return open;
}
