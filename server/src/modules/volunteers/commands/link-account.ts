import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { createUser } from '../../users/commands/create-user.ts';
import { grantRole } from '../../users/commands/grant-role.ts';

/**
 * Gives a volunteer a login for the phone pages: an account with the `volunteer` role at the volunteer's
 * community (or street), linked to the record. The caller's right was checked on the volunteer
 * (volunteer.manage), so the grant is written as the system's. 409 when the volunteer already has one.
 */
export async function linkAccount(
  db: Db,
  actor: Actor,
  v: { id: number; orgCode: string; userId: string | null; label: string },
  input: { username: string; password: string },
  ip: string,
): Promise<string> {
  if (v.userId) throw new AppError('CONFLICT', 409);
  const node = await one<{ id: number }>(db, sql`select id from org_nodes where code = ${v.orgCode}`);
  if (!node) throw new AppError('NOT_FOUND', 404);
  const user = await createUser(
    db,
    { username: input.username, displayName: v.label, password: input.password, homeCode: v.orgCode },
    { actorId: actor.userId, ip },
  );
  await grantRole(db, null, user.id, { role: 'volunteer', orgNodeId: node.id }, ip);
  const linked = await one(
    db,
    sql`update volunteers set user_id = ${user.id} where id = ${v.id} and user_id is null returning id`,
  );
  if (!linked) throw new AppError('CONFLICT', 409);
  return user.id;
}
