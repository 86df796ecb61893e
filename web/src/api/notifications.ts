import type { NotificationView } from '@civicgrid/shared';
import { useQuery } from '@tanstack/react-query';
import { query, request, sendData } from './client.ts';

export type { NotificationView } from '@civicgrid/shared';

interface NotificationPage {
  data: NotificationView[];
  nextCursor: number | null;
  unreadCount: number;
}

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** The newest notifications and the unread count; polls every 30 s while the live stream is down. */
export function useNotifications(poll: boolean) {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => request<NotificationPage>('GET', `/api/notifications${query({ limit: 20 })}`),
    refetchInterval: poll ? 30_000 : false,
    staleTime: 10_000,
  });
}

/** Marks one notification read. */
export function markNotificationRead(id: number): Promise<NotificationView> {
  return sendData<NotificationView>('POST', `/api/notifications/${id}/read`);
}

/** Marks all of the caller's notifications read. */
export function markAllNotificationsRead(): Promise<{ updated: number }> {
  return sendData<{ updated: number }>('POST', '/api/notifications/read-all');
}
