import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';

/**
 * Sets (or, with null, withdraws) the work phone a user publishes on the door plates of their grid, with an
 * audit row naming who changed it. A published phone is public by the user's own choice, so the audit row
 * holds it as it is.
 */
export async function setPublicPhone(
  db: Db,
  user: { id: string; homeCode: string },
  phone: string | null,
  by: { actorId: string; ip: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await tx.execute<{ p: string | null }>(
      sql`select public_phone as p from users where id = ${user.id} for update`,
    );
    await tx.execute(sql`update users set public_phone = ${phone}, updated_at = now() where id = ${user.id}`);
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'user.public_phone',
      entity: 'user',
      entityId: user.id,
      scopeCode: user.homeCode,
      before: { publicPhone: before.rows[0]?.p ?? null },
      after: { publicPhone: phone },
      ip: by.ip,
    });
  });
}
