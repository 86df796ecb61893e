import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError, notFound } from '../../../infra/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { assertCan } from '../../auth/policy.ts';

export interface BulletinItemInput {
  /** the street, community or grid the item concerns */
  orgCode: string;
  /** which bulletin, e.g. 市文明办通报〔2026〕12号 */
  originRef: string;
  description: string;
  categoryCode: string;
  unitId?: number | null;
  leaderId?: string | null;
  /** YYYY-MM-DD */
  deadlineOn: string;
}

/**
 * Enters an item of a higher-level bulletin (市/省 通报) by hand onto the rectification list. It has no case of
 * its own; like every row it is struck off by a passed re-check.
 */
export async function addBulletinItem(
  db: Db,
  actor: Actor,
  input: BulletinItemInput,
): Promise<{ id: number }> {
  assertCan(actor, 'inspection.run', input.orgCode);
  const area = await one<{ districtId: number; categoryOk: boolean; unitOk: boolean }>(
    db,
    sql`select d.id as "districtId",
          exists (select 1 from categories where code = ${input.categoryCode} and parent_code is not null) as "categoryOk",
          (${input.unitId ?? null}::int is null or exists (select 1 from units u where u.id = ${input.unitId ?? null}::int
            and u.district_id = d.id)) as "unitOk"
        from org_nodes n join org_nodes d on d.code = left(n.code, 6)
        where n.code = ${input.orgCode} and n.level <> 'district'`,
  );
  if (!area) throw notFound();
  if (!area.categoryOk) throw new AppError('CATEGORY_UNKNOWN', 400, [{ field: 'body/categoryCode' }]);
  if (!area.unitOk)
    throw new AppError('VALIDATION_FAILED', 400, [
      { field: 'body/unitId', message: 'not a unit of this district' },
    ]);
  const row = await one<{ id: number }>(
    db,
    sql`insert into rectifications (district_id, org_code, origin, origin_ref, description, category_code, unit_id,
          leader_id, deadline_on, created_by)
        values (${area.districtId}, ${input.orgCode}, 'bulletin', ${input.originRef}, ${input.description},
          ${input.categoryCode}, ${input.unitId ?? null}, ${input.leaderId ?? null}, ${input.deadlineOn}::date,
          ${actor.userId})
        returning id`,
  );
  return { id: row!.id };
}
