import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { postPoints } from './post-points.ts';

/**
 * Hands goods of the 爱心超市 to a volunteer for points, in one transaction: the stock moves by a conditional
 * UPDATE (never below zero: STOCK_INSUFFICIENT) and the balance by a ledger row under the volunteer's row lock
 * (never below zero: POINTS_INSUFFICIENT); either refusal rolls both back. Always goods first, then the
 * volunteer, so two redemptions at once wait for each other instead of deadlocking.
 */
export async function redeem(
  db: Db,
  actor: Actor,
  input: { volunteerId: number; goods: { id: number; orgCode: string }; quantity: number },
  ip: string,
): Promise<{ id: number; points: number; balance: number }> {
  return db.transaction(async (tx) => {
    const goods = await one<{ price: number }>(
      tx,
      sql`update volunteer_goods set stock = stock - ${input.quantity}
          where id = ${input.goods.id} and active and stock >= ${input.quantity} returning points as price`,
    );
    if (!goods) throw new AppError('STOCK_INSUFFICIENT', 409);
    const cost = goods.price * input.quantity;
    const r = await one<{ id: number }>(
      tx,
      sql`insert into volunteer_redemptions (volunteer_id, goods_id, quantity, points, actor_id)
          values (${input.volunteerId}, ${input.goods.id}, ${input.quantity}, ${cost}, ${actor.userId}) returning id`,
    );
    const posted = await postPoints(tx, {
      volunteerId: input.volunteerId,
      delta: -cost,
      reason: 'redemption',
      redemptionId: r!.id,
      actorId: actor.userId,
    });
    if (!posted) throw new AppError('POINTS_INSUFFICIENT', 409);
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'volunteer.redeem',
      entity: 'volunteer',
      entityId: input.volunteerId,
      scopeCode: input.goods.orgCode,
      after: { goodsId: input.goods.id, quantity: input.quantity, points: cost },
      ip,
    });
    return { id: r!.id, points: cost, balance: posted.balance };
  });
}
