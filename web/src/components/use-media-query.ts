import { useSyncExternalStore } from 'react';

/** True while the CSS media query matches; read synchronously so the first render already fits the screen. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
  );
}

/** True on tablet and desktop widths, where the side menu stays open. */
export function useIsDesktop(): boolean {
  return useMediaQuery('(min-width: 768px)');
}
