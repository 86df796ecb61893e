import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { type WebhookView, webhookScope } from '../queries.ts';

/** Removes a webhook and its delivery history (pending deliveries are never sent). */
export async function deleteWebhook(
  db: Db,
  w: WebhookView,
  ctx: { actorId: string; ip: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from webhooks where id = ${w.id}`);
    await writeAudit(tx, {
      actorId: ctx.actorId,
      action: 'webhook.delete',
      entity: 'webhook',
      entityId: w.id,
      scopeCode: webhookScope(w),
      before: { url: w.url, format: w.format, actions: w.actions, unitId: w.unitId, orgCode: w.orgCode },
      ip: ctx.ip,
    });
  });
}
