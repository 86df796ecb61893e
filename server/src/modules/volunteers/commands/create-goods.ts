import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';

/** Puts goods on the shelf of a community's (or street's) 爱心超市 with their price in points and stock. */
export async function createGoods(
  db: Db,
  actor: Actor,
  input: { orgCode: string; name: string; points: number; stock: number },
  ip: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const row = await one<{ id: number }>(
      tx,
      sql`insert into volunteer_goods (org_code, name, points, stock)
          values (${input.orgCode}, ${input.name.trim()}, ${input.points}, ${input.stock}) returning id`,
    );
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'volunteer.goods.create',
      entity: 'volunteer_goods',
      entityId: row!.id,
      scopeCode: input.orgCode,
      after: input,
      ip,
    });
    return row!.id;
  });
}
