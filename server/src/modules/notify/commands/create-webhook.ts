import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import type { OutboundPolicy } from '../../../infra/outbound.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { findWebhook, type WebhookView, webhookScope } from '../queries.ts';
import type { WebhookFormat } from '../webhook-request.ts';

export interface NewWebhook {
  url: string;
  format: WebhookFormat;
  actions?: string[];
  unitId?: number;
  orgCode?: string;
  secret?: string;
}

/** The URL when it is an absolute http(s) URL without credentials; WEBHOOK_URL_INVALID otherwise. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('WEBHOOK_URL_INVALID', 400, [{ field: 'body/url' }]);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw new AppError('WEBHOOK_URL_INVALID', 400, [{ field: 'body/url' }]);
  }
  return url;
}

/**
 * Throws WEBHOOK_ADDRESS_FORBIDDEN unless the URL's host resolves only to addresses the outbound policy
 * allows (public ones, or those WEBHOOK_ALLOW_HOSTS names). Sending checks again, after DNS, every time.
 */
export async function assertWebhookDestination(url: URL, outbound: OutboundPolicy): Promise<void> {
  const destination = await outbound.destination(url);
  if (!destination.ok) {
    throw new AppError('WEBHOOK_ADDRESS_FORBIDDEN', 400, [
      { field: 'body/url', message: destination.reason },
    ]);
  }
}

/**
 * Registers a webhook owned by the caller: a personal robot (no unit, no area; the route has checked the
 * caller is staff) or one for a unit's or an area's cases (the route has checked org.manage). The
 * destination must be an allowed address. A JSON hook without a secret gets a random one, shown
 * once in the answer; robot hooks keep the robot's own signing secret, or none.
 */
export async function createWebhook(
  db: Db,
  input: NewWebhook,
  ctx: { actorId: string; ip: string | null; outbound: OutboundPolicy },
): Promise<{ webhook: WebhookView; secret: string }> {
  // the hotline's results carry the ticket and the unit: staff data, for an area's hook (the district's) only
  if (input.format === 'hotline' && !input.orgCode) {
    throw new AppError('VALIDATION_FAILED', 400, [
      {
        field: 'body/format',
        message: { zh: '12345 办件结果回传须绑定区域', en: 'a 12345 result hook must be bound to an area' },
      },
    ]);
  }
  await assertWebhookDestination(parseWebhookUrl(input.url), ctx.outbound);
  const signed = input.format === 'json' || input.format === 'hotline';
  const secret = input.secret ?? (signed ? randomBytes(24).toString('base64url') : '');
  const actions = [...new Set(input.actions ?? [])].sort();
  const webhook = await db.transaction(async (tx) => {
    const row = await one<{ id: number }>(
      tx,
      sql`insert into webhooks (owner_user_id, unit_id, org_code, url, format, secret, actions)
          values (${ctx.actorId}, ${input.unitId ?? null}::integer, ${input.orgCode ?? null}, ${input.url},
            ${input.format}, ${secret}, array(select jsonb_array_elements_text(${JSON.stringify(actions)}::jsonb)))
          returning id`,
    );
    const created = (await findWebhook(tx, row!.id))!;
    await writeAudit(tx, {
      actorId: ctx.actorId,
      action: 'webhook.create',
      entity: 'webhook',
      entityId: created.id,
      scopeCode: webhookScope(created),
      after: {
        url: created.url,
        format: created.format,
        actions,
        unitId: created.unitId,
        orgCode: created.orgCode,
      },
      ip: ctx.ip,
    });
    return created;
  });
  return { webhook, secret };
}
