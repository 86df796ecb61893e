import { ROLE_LEVEL, ROLE_SCOPE, type Role } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError, notFound } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { assertCan } from '../../auth/policy.ts';

export interface GrantInput {
  role: Role;
  orgNodeId?: number | null;
  unitId?: number | null;
}

/** The org code a grant would cover, after checking the role fits the scope it is given. */
export async function resolveGrantScope(db: Db, input: GrantInput): Promise<string> {
  const scope = ROLE_SCOPE[input.role];
  if (scope === 'unit') {
    if (!input.unitId || input.orgNodeId) throw new AppError('GRANT_SCOPE_INVALID', 400);
    const unit = await one<{ code: string }>(
      db,
      sql`select d.code from units u join org_nodes d on d.id = u.district_id where u.id = ${input.unitId}`,
    );
    if (!unit) throw notFound();
    return unit.code;
  }
  if (!input.orgNodeId || input.unitId) throw new AppError('GRANT_SCOPE_INVALID', 400);
  const node = await one<{ code: string; level: string }>(
    db,
    sql`select code, level from org_nodes where id = ${input.orgNodeId}`,
  );
  if (!node) throw notFound();
  const level = ROLE_LEVEL[input.role];
  if (level && node.level !== level) throw new AppError('GRANT_SCOPE_INVALID', 400);
  return node.code;
}

/** Gives a user a role at an org node or unit; the actor must administer users there. */
export async function grantRole(
  db: Db,
  actor: Actor | null,
  userId: string,
  input: GrantInput,
  ip: string | null = null,
): Promise<{ id: number }> {
  const code = await resolveGrantScope(db, input);
  if (actor) assertCan(actor, 'user.manage', code);
  return db.transaction(async (tx) => {
    const exists = await one(
      tx,
      sql`select 1 from grants where user_id = ${userId} and role = ${input.role}
          and coalesce(org_node_id, 0) = ${input.orgNodeId ?? 0} and coalesce(unit_id, 0) = ${input.unitId ?? 0}`,
    );
    if (exists) throw new AppError('GRANT_EXISTS', 409);
    const row = await one<{ id: number }>(
      tx,
      sql`insert into grants (user_id, role, org_node_id, unit_id)
          values (${userId}, ${input.role}, ${input.orgNodeId ?? null}, ${input.unitId ?? null}) returning id`,
    );
    await writeAudit(tx, {
      actorId: actor?.userId ?? null,
      action: 'grant.create',
      entity: 'user',
      entityId: userId,
      scopeCode: code,
      after: { grantId: row!.id, ...input },
      ip,
    });
    return row!;
  });
}

/** Removes one grant of a user; the actor must administer users at the grant's scope. */
export async function revokeGrant(db: Db, actor: Actor, userId: string, grantId: number, ip: string | null) {
  const grant = await one<{ role: Role; orgNodeId: number | null; unitId: number | null }>(
    db,
    sql`select role, org_node_id as "orgNodeId", unit_id as "unitId" from grants where id = ${grantId} and user_id = ${userId}`,
  );
  if (!grant) throw notFound();
  const code = await resolveGrantScope(db, grant);
  assertCan(actor, 'user.manage', code);
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from grants where id = ${grantId}`);
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'grant.delete',
      entity: 'user',
      entityId: userId,
      scopeCode: code,
      before: { grantId, ...grant },
      ip,
    });
  });
}
