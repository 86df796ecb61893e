import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { createHousehold } from '../visits/test-fixtures.ts';

/**
 * A volunteer for tests: a person of a fresh household in the grid, recorded as a volunteer of the community
 * at a stage, optionally with a balance (written as one adjustment row of the ledger, so the ledger still sums
 * to the balance) and a linked login.
 */
export async function makeVolunteer(
  db: Db,
  grid: { id: number },
  orgCode: string,
  opts: { stage?: string; points?: number; userId?: string; name?: string } = {},
): Promise<{ id: number; personId: number; name: string }> {
  const name = opts.name ?? `志愿者${randomBytes(2).toString('hex')}`;
  const h = await createHousehold(db, grid.id, {
    building: `${randomBytes(3).toString('hex')}楼`,
    address: `测试路${randomBytes(3).toString('hex')}号`,
    residents: [{ name, birthDate: '1960-05-01' }],
  });
  const p = await one<{ id: number }>(db, sql`select id from persons where household_id = ${h.id}`);
  const points = opts.points ?? 0;
  const v = await one<{ id: number }>(
    db,
    sql`insert into volunteers (person_id, user_id, org_code, category_code, stage, points)
        values (${p!.id}, ${opts.userId ?? null}, ${orgCode}, 'civility', ${opts.stage ?? 'active'}, ${points})
        returning id`,
  );
  if (points > 0) {
    await db.execute(
      sql`insert into volunteer_points (volunteer_id, org_code, delta, balance, reason)
          values (${v!.id}, ${orgCode}, ${points}, ${points}, 'adjustment')`,
    );
  }
  return { id: v!.id, personId: p!.id, name };
}
