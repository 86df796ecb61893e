import { ApiError, getData } from '../api.ts';

const PREFIX = 'civicgrid.m.inspection.';

/**
 * GETs an inspection endpoint and keeps the answer on the phone, so a route opened while connected can be
 * walked with no network: when the request cannot reach the server, the kept answer is used instead.
 */
export async function loadKept<T>(path: string): Promise<{ data: T; kept: boolean }> {
  try {
    const data = await getData<T>(path);
    try {
      localStorage.setItem(PREFIX + path, JSON.stringify(data));
    } catch {
      // storage full or blocked: the page still works while connected
    }
    return { data, kept: false };
  } catch (err) {
    const saved = err instanceof ApiError && err.status === 0 ? localStorage.getItem(PREFIX + path) : null;
    if (saved) return { data: JSON.parse(saved) as T, kept: true };
    throw err;
  }
}

/** The phone's position now, or null when it is unavailable or slow (answers are recorded without it). */
export function positionNow(): Promise<{ lng: number; lat: number } | null> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) {
      resolve(null);
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude }),
      () => resolve(null),
      { timeout: 3000, maximumAge: 60_000 },
    );
  });
}
