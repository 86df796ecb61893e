import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';

/** Creates a volunteer service team (志愿服务队) of a community or street; names are unique per area. */
export async function createTeam(
  db: Db,
  actor: Actor,
  input: { orgCode: string; name: string },
  ip: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const row = await one<{ id: number }>(
      tx,
      sql`insert into volunteer_teams (org_code, name) values (${input.orgCode}, ${input.name.trim()})
          on conflict (org_code, name) do nothing returning id`,
    );
    if (!row) throw new AppError('CONFLICT', 409);
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'volunteer.team.create',
      entity: 'volunteer_team',
      entityId: row.id,
      scopeCode: input.orgCode,
      after: { name: input.name },
      ip,
    });
    return row.id;
  });
}
