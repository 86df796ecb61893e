import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { findUnit, type Unit } from '../queries.ts';

export interface UnitInput {
  code: string;
  name: string;
  nameEn?: string | null;
  type: string;
  phone?: string | null;
  categories: string[];
  streetIds: number[];
}

/** Replaces a unit's categories and streets; a street must lie in the unit's own district. */
async function replaceLinks(
  tx: Db,
  unit: { id: number; districtCode: string },
  input: Pick<UnitInput, 'categories' | 'streetIds'>,
) {
  const unitId = unit.id;
  await tx.execute(sql`delete from unit_categories where unit_id = ${unitId}`);
  await tx.execute(sql`delete from unit_streets where unit_id = ${unitId}`);
  for (const c of new Set(input.categories)) {
    await tx.execute(sql`insert into unit_categories (unit_id, category_code) values (${unitId}, ${c})`);
  }
  for (const s of new Set(input.streetIds)) {
    const street = await one(
      tx,
      sql`select 1 from org_nodes where id = ${s} and level = 'street' and code like ${`${unit.districtCode}%`}`,
    );
    if (!street)
      throw new AppError('VALIDATION_FAILED', 400, [{ field: '/streetIds', message: `no street ${s}` }]);
    await tx.execute(sql`insert into unit_streets (unit_id, street_id) values (${unitId}, ${s})`);
  }
}

/** Creates a responsible unit in a district with the categories it owns. */
export async function createUnit(
  db: Db,
  district: { id: number; code: string },
  input: UnitInput,
  by: { actorId: string | null; ip: string | null; isDemo?: boolean },
): Promise<Unit> {
  const id = await db.transaction(async (tx) => {
    const taken = await one(tx, sql`select 1 from units where code = ${input.code}`);
    if (taken) throw new AppError('UNIT_CODE_TAKEN', 409);
    const row = await one<{ id: number }>(
      tx,
      sql`insert into units (district_id, code, name, name_en, type, phone, is_demo)
          values (${district.id}, ${input.code}, ${input.name}, ${input.nameEn ?? null}, ${input.type},
            ${input.phone ?? null}, ${by.isDemo ?? false}) returning id`,
    );
    await replaceLinks(tx, { id: row!.id, districtCode: district.code }, input);
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'unit.create',
      entity: 'unit',
      entityId: row!.id,
      scopeCode: district.code,
      after: input,
      ip: by.ip,
    });
    return row!.id;
  });
  return (await findUnit(db, id))!;
}

/** Changes a unit's name, type, phone, categories or streets, keeping the before/after in the audit log. */
export async function updateUnit(
  db: Db,
  unit: Unit,
  changes: Partial<Omit<UnitInput, 'code'>>,
  by: { actorId: string; ip: string | null },
): Promise<Unit> {
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`update units set name = coalesce(${changes.name ?? null}, name),
            name_en = ${changes.nameEn === undefined ? sql`name_en` : changes.nameEn},
            type = coalesce(${changes.type ?? null}, type),
            phone = ${changes.phone === undefined ? sql`phone` : changes.phone}, updated_at = now()
          where id = ${unit.id}`,
    );
    if (changes.categories || changes.streetIds) {
      await replaceLinks(tx, unit, {
        categories: changes.categories ?? unit.categories,
        streetIds: changes.streetIds ?? unit.streetIds,
      });
    }
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'unit.update',
      entity: 'unit',
      entityId: unit.id,
      scopeCode: unit.districtCode,
      before: unit,
      after: changes,
      ip: by.ip,
    });
  });
  return (await findUnit(db, unit.id))!;
}
