import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { maskForAudit } from '../../personal-data/mask.ts';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  phone?: string | null;
  locale?: 'zh-CN' | 'en-US';
  homeCode: string;
  isDemo?: boolean;
}

/** Creates an account with an argon2 password hash; the caller has already checked the right to do so. */
export async function createUser(db: Db, input: NewUser, by: { actorId: string | null; ip: string | null }) {
  const taken = await one(db, sql`select 1 from users where lower(username) = lower(${input.username})`);
  if (taken) throw new AppError('USERNAME_TAKEN', 409);
  const passwordHash = await hash(input.password);
  return db.transaction(async (tx) => {
    const user = await one<{ id: string }>(
      tx,
      sql`insert into users (username, display_name, phone, password_hash, locale, home_code, is_demo)
          values (${input.username}, ${input.displayName}, ${input.phone ?? null}, ${passwordHash},
            ${input.locale ?? 'zh-CN'}, ${input.homeCode}, ${input.isDemo ?? false})
          returning id`,
    );
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'user.create',
      entity: 'user',
      entityId: user!.id,
      scopeCode: input.homeCode,
      // a phone is personal data: the audit row keeps it masked
      after: maskForAudit(
        { username: input.username, displayName: input.displayName, phone: input.phone ?? null },
        { phone: 'phone' },
      ),
      ip: by.ip,
    });
    return user!;
  });
}
