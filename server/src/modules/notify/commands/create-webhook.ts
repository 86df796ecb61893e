import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
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

/** Throws WEBHOOK_URL_INVALID unless the URL is an absolute http(s) URL. */
export function assertWebhookUrl(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('WEBHOOK_URL_INVALID', 400);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('WEBHOOK_URL_INVALID', 400);
}

/**
 * Registers a webhook owned by the caller: a personal one (no unit, no area) or one for a unit's or an
 * area's cases (the route has checked org.manage). A JSON hook without a secret gets a random one, shown
 * once in the answer; robot hooks keep the robot's own signing secret, or none.
 */
export async function createWebhook(
  db: Db,
  input: NewWebhook,
  ctx: { actorId: string; ip: string | null },
): Promise<{ webhook: WebhookView; secret: string }> {
  assertWebhookUrl(input.url);
  const secret = input.secret ?? (input.format === 'json' ? randomBytes(24).toString('base64url') : '');
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
