import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';

export interface HouseInput {
  /** 单元; empty when the building has one entrance */
  unit: string;
  floor: number | null;
  room: string;
  /** 出租房 */
  isRental: boolean;
}

/** Adds a flat or house (户室) to a building; the same unit and room twice is refused. Audited. */
export async function addHouse(
  db: Db,
  building: { id: number; gridCode: string },
  input: HouseInput,
  by: { actorId: string; ip: string | null },
): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const row = await one<{ id: number }>(
      tx,
      sql`insert into houses (building_id, unit, floor, room, is_rental)
          values (${building.id}, ${input.unit.trim()}, ${input.floor}, ${input.room.trim()}, ${input.isRental})
          on conflict (building_id, unit, room) do nothing returning id`,
    );
    if (!row)
      throw new AppError('VALIDATION_FAILED', 400, [
        { field: 'body/room', message: 'this building already has this unit and room' },
      ]);
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'house.create',
      entity: 'house',
      entityId: row.id,
      scopeCode: building.gridCode,
      after: { buildingId: building.id, ...input },
      ip: by.ip,
    });
    return row;
  });
}
