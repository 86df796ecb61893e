import { useQuery } from '@tanstack/react-query';
import { getData, request, sendData } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';

/** GET /api/webhooks */
export interface Webhook {
  id: number;
  ownerUserId: string | null;
  unitId: number | null;
  orgCode: string | null;
  url: string;
  format: 'json' | 'wecom' | 'dingtalk' | 'hotline';
  actions: string[];
  active: boolean;
  hasSecret: boolean;
  createdAt: string;
}

/** One delivery attempt record of a hook. */
export interface Delivery {
  id: number;
  /** null for a bulletin's delivery, which carries the bulletin's number instead */
  caseId: number | null;
  bulletinNumber: string | null;
  action: string;
  attempt: number;
  status: 'pending' | 'delivered' | 'failed';
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
}

export const WEBHOOKS_KEY = ['webhooks'] as const;

/** The hooks the caller manages. */
export function useWebhooks() {
  return useQuery({ queryKey: WEBHOOKS_KEY, queryFn: () => getData<Webhook[]>('/api/webhooks') });
}

/** The last 30 delivery attempts of a hook; disabled while none is chosen. */
export function useDeliveries(id: number | null) {
  return useQuery({
    queryKey: [...WEBHOOKS_KEY, id, 'deliveries'],
    queryFn: () => request<Page<Delivery, number>>('GET', `/api/webhooks/${id}/deliveries?limit=30`),
    enabled: id !== null,
  });
}

/** Registers a hook for an area (org code) or a unit; resolves to it with its signing secret, shown once. */
export function createWebhook(body: {
  url: string;
  format: Webhook['format'];
  orgCode?: string;
  unitId?: number;
  secret?: string;
}): Promise<Webhook & { secret: string | null }> {
  return sendData('POST', '/api/webhooks', body);
}

/** Removes a hook. */
export function deleteWebhook(id: number): Promise<unknown> {
  return request('DELETE', `/api/webhooks/${id}`);
}
