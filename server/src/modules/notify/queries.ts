import type { NotificationView as WireNotificationView } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { can, scopeCondition } from '../auth/policy.ts';

/** One notification as the inbox and the live stream present it (times as Dates before JSON). */
export type NotificationView = WireNotificationView<Date>;

export const NOTIFICATION_COLUMNS = sql`n.id, n.case_id as "caseId", n.event_id as "eventId", n.kind, n.title,
  n.body, n.created_at as "createdAt", n.read_at as "readAt"`;

/** A page of the user's own notifications, newest first, with the cursor of the next page. */
export async function listNotifications(
  db: Db,
  userId: string,
  opts: { unread?: boolean; before?: number; limit: number },
): Promise<{ data: NotificationView[]; nextCursor: number | null }> {
  const list = await rows<NotificationView>(
    db,
    sql`select ${NOTIFICATION_COLUMNS} from notifications n
        where n.user_id = ${userId}
          ${opts.unread ? sql`and n.read_at is null` : sql``}
          ${opts.before ? sql`and n.id < ${opts.before}` : sql``}
        order by n.id desc limit ${opts.limit + 1}`,
  );
  const data = list.slice(0, opts.limit);
  return { data, nextCursor: list.length > opts.limit ? data[data.length - 1]!.id : null };
}

/** How many of the user's notifications are unread. */
export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await one<{ n: number }>(
    db,
    sql`select count(*)::integer as n from notifications where user_id = ${userId} and read_at is null`,
  );
  return row?.n ?? 0;
}

/** The id of the user's newest notification (0 when none): where a fresh live stream starts. */
export async function latestNotificationId(db: Db, userId: string): Promise<number> {
  const row = await one<{ id: number | null }>(
    db,
    sql`select max(id) as id from notifications where user_id = ${userId}`,
  );
  return row?.id ?? 0;
}

/** A webhook as its managers see it; the secret is never shown again after creation. */
export interface WebhookView {
  id: number;
  ownerUserId: string | null;
  unitId: number | null;
  orgCode: string | null;
  url: string;
  format: 'json' | 'wecom' | 'dingtalk' | 'hotline';
  actions: string[];
  active: boolean;
  hasSecret: boolean;
  createdAt: Date;
  /** the district of the hook's unit, which decides who manages a unit hook */
  unitDistrictCode: string | null;
}

const WEBHOOK_SELECT = sql`select w.id, w.owner_user_id as "ownerUserId", w.unit_id as "unitId",
    w.org_code as "orgCode", w.url, w.format, w.actions, w.active, w.secret <> '' as "hasSecret",
    w.created_at as "createdAt", d.code as "unitDistrictCode"
  from webhooks w left join units u on u.id = w.unit_id left join org_nodes d on d.id = u.district_id`;

/** The org code a shared hook belongs to (its area, or its unit's district); null for a personal hook. */
export function webhookScope(w: Pick<WebhookView, 'orgCode' | 'unitDistrictCode' | 'unitId'>): string | null {
  if (w.orgCode !== null) return w.orgCode;
  return w.unitId !== null ? w.unitDistrictCode : null;
}

/** Whether the actor manages a hook: their own personal hook, or a shared one inside their org.manage scope. */
export function managesWebhook(actor: Actor, w: WebhookView): boolean {
  const scope = webhookScope(w);
  if (scope === null) return w.ownerUserId === actor.userId;
  return can(actor, 'org.manage', scope);
}

/** The hooks the actor manages, newest first. */
export function listWebhooks(db: Db, actor: Actor): Promise<WebhookView[]> {
  return rows<WebhookView>(
    db,
    sql`${WEBHOOK_SELECT}
        where (w.unit_id is null and w.org_code is null and w.owner_user_id = ${actor.userId})
          or (w.org_code is not null and (${scopeCondition(actor, 'org.manage', sql`w.org_code`)}))
          or (w.org_code is null and w.unit_id is not null and (${scopeCondition(actor, 'org.manage', sql`d.code`)}))
        order by w.id desc`,
  );
}

/** One hook by id, or null. */
export function findWebhook(db: Db, id: number): Promise<WebhookView | null> {
  return one<WebhookView>(db, sql`${WEBHOOK_SELECT} where w.id = ${id}`);
}

/** One attempt record of a hook. */
export interface DeliveryView {
  id: number;
  /** a case event's delivery: the event, its case and action (null for a bulletin's) */
  eventId: number | null;
  caseId: number | null;
  action: string;
  /** a bulletin's delivery: the bulletin and its 文号 (null for a case event's) */
  bulletinId: number | null;
  bulletinNumber: string | null;
  attempt: number;
  status: 'pending' | 'delivered' | 'failed';
  nextAt: Date;
  lastStatusCode: number | null;
  lastError: string | null;
  /** how long the last attempt took, in milliseconds */
  lastDurationMs: number | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** A page of a hook's deliveries, newest first. */
export async function listDeliveries(
  db: Db,
  webhookId: number,
  opts: { before?: number; limit: number },
): Promise<{ data: DeliveryView[]; nextCursor: number | null }> {
  const list = await rows<DeliveryView>(
    db,
    sql`select d.id, d.event_id as "eventId", e.case_id as "caseId", coalesce(e.action, 'bulletin') as action,
          d.bulletin_id as "bulletinId", b.number as "bulletinNumber", d.attempt, d.status,
          d.next_at as "nextAt", d.last_status_code as "lastStatusCode", d.last_error as "lastError",
          d.last_duration_ms as "lastDurationMs", d.delivered_at as "deliveredAt", d.created_at as "createdAt"
        from webhook_deliveries d left join case_events e on e.id = d.event_id
          left join bulletins b on b.id = d.bulletin_id
        where d.webhook_id = ${webhookId} ${opts.before ? sql`and d.id < ${opts.before}` : sql``}
        order by d.id desc limit ${opts.limit + 1}`,
  );
  const data = list.slice(0, opts.limit);
  return { data, nextCursor: list.length > opts.limit ? data[data.length - 1]!.id : null };
}
