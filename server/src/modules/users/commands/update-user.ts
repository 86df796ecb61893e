import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { maskForAudit } from '../../personal-data/mask.ts';
import type { UserSummary } from '../queries.ts';

export interface UserChanges {
  displayName?: string;
  phone?: string | null;
  locale?: 'zh-CN' | 'en-US';
  disabled?: boolean;
  password?: string;
}

/** Applies profile changes (and an optional password reset) with an audit row showing before and after. */
export async function updateUser(
  db: Db,
  user: UserSummary,
  changes: UserChanges,
  by: { actorId: string; ip: string | null },
): Promise<void> {
  const passwordHash = changes.password ? await hash(changes.password) : null;
  await db.transaction(async (tx) => {
    await one(
      tx,
      sql`update users set
            display_name = coalesce(${changes.displayName ?? null}, display_name),
            phone = ${changes.phone === undefined ? sql`phone` : changes.phone},
            locale = coalesce(${changes.locale ?? null}, locale),
            disabled = coalesce(${changes.disabled ?? null}::boolean, disabled),
            password_hash = coalesce(${passwordHash}, password_hash),
            updated_at = now()
          where id = ${user.id} returning id`,
    );
    if (changes.disabled || passwordHash) {
      // a disabled account or a reset password ends every open session
      await tx.execute(
        sql`update sessions set revoked_at = now() where user_id = ${user.id} and revoked_at is null`,
      );
    }
    const { password, ...visible } = changes;
    const before = Object.fromEntries(
      Object.keys(visible).map((k) => [k, (user as unknown as Record<string, unknown>)[k]]),
    );
    await writeAudit(tx, {
      actorId: by.actorId,
      action: password ? 'user.update+password' : 'user.update',
      entity: 'user',
      entityId: user.id,
      scopeCode: user.homeCode,
      // a phone is personal data: the audit row keeps it masked
      before: maskForAudit(before, { phone: 'phone' }),
      after: maskForAudit(visible, { phone: 'phone' }),
      ip: by.ip,
    });
  });
}
