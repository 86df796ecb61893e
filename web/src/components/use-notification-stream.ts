import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { NOTIFICATIONS_KEY } from '../api/notifications.ts';

/**
 * Listens to the live notification stream (Server-Sent Events). Each notification refetches the inbox and
 * the case lists (a case someone else moved changes the queues). Returns whether the stream is open, so the
 * caller can fall back to polling while it is not; EventSource reconnects by itself.
 */
export function useNotificationStream(enabled: boolean): boolean {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/notifications/stream', { withCredentials: true });
    source.onopen = () => setOpen(true);
    source.onerror = () => setOpen(false);
    const onNotification = (e: MessageEvent<string>) => {
      void client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
      try {
        const n = JSON.parse(e.data) as { caseId?: number | null };
        if (typeof n.caseId === 'number') void client.invalidateQueries({ queryKey: ['case', n.caseId] });
      } catch {
        // A malformed message still refreshed the inbox above.
      }
      void client.invalidateQueries({ queryKey: ['cases'] });
    };
    source.addEventListener('notification', onNotification);
    return () => {
      source.removeEventListener('notification', onNotification);
      source.close();
      setOpen(false);
    };
  }, [enabled, client]);
  return open;
}
