import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { PersonalDataCipher } from '../../personal-data/cipher.ts';
import { seal } from '../../personal-data/fields.ts';
import { maskForAudit } from '../../personal-data/mask.ts';
import { insertPerson, type NewPerson } from '../insert-person.ts';
import { isIdNumberTaken } from '../person-input.ts';
import { houseAddress } from '../present-person.ts';

/** Where a new household lives: a flat of the building on file, or a new one added to it. */
export type HouseChoice =
  | { houseId: number; isRental: boolean }
  | { unit: string; floor: number | null; room: string; isRental: boolean };

/** The building the household is entered in, as the route loaded and authorised it. */
export interface BuildingAt {
  id: number;
  gridId: number;
  gridCode: string;
  address: string;
}

/**
 * Enters a household by hand (家庭档案登记): its flat (an empty one of the building, or a new one), the
 * household with its sealed address and contact phone, and its head as the first member with a move-in row,
 * all in one transaction with an audit row (personal values masked). A flat that already has a household is
 * refused (HOUSE_OCCUPIED), as is a flat number the building has (HOUSE_TAKEN) or an ID number on file.
 */
export async function addHousehold(
  db: Db,
  cipher: PersonalDataCipher,
  by: { actorId: string; ip: string | null },
  building: BuildingAt,
  input: { house: HouseChoice; contactPhone: string | null; head: NewPerson; movedInOn: string },
): Promise<{ householdId: number; personId: number }> {
  return db
    .transaction(async (tx) => {
      const house = await chooseHouse(tx, building.id, input.house);
      // the flat's unique household: a concurrent entry of the same flat fails on households_house
      const taken = await one(tx, sql`select 1 from households where house_id = ${house.id}`);
      if (taken) throw new AppError('HOUSE_OCCUPIED', 409);
      const address = houseAddress(building.address, house.unit, house.room);
      const household = await one<{ id: number }>(
        tx,
        sql`insert into households (house_id, grid_id, address_enc, contact_phone_enc)
            values (${house.id}, ${building.gridId}, ${cipher.encrypt(address)},
              ${seal(cipher, input.contactPhone ?? input.head.phone)})
            returning id`,
      );
      const householdId = household!.id;
      const personId = await insertPerson(
        tx,
        cipher,
        { householdId, gridId: building.gridId },
        { ...input.head, relation: 'head' },
        { on: input.movedInOn, note: '手工登记', actorId: by.actorId },
      );
      await tx.execute(sql`update households set head_person_id = ${personId} where id = ${householdId}`);
      const kinds = { name: 'name', idNumber: 'idNumber', phone: 'phone', contactPhone: 'phone' } as const;
      await writeAudit(tx, {
        actorId: by.actorId,
        action: 'household.create',
        entity: 'household',
        entityId: householdId,
        scopeCode: building.gridCode,
        after: maskForAudit(
          {
            buildingId: building.id,
            houseId: house.id,
            personId,
            name: input.head.name,
            idNumber: input.head.idNumber,
            phone: input.head.phone,
            contactPhone: input.contactPhone,
          },
          kinds,
        ),
        ip: by.ip,
      });
      return { householdId, personId };
    })
    .catch((err) => {
      if (isIdNumberTaken(err)) throw new AppError('PERSON_ID_TAKEN', 409);
      if ((err as { code?: string }).code === '23505' && String(err).includes('households_house'))
        throw new AppError('HOUSE_OCCUPIED', 409);
      throw err;
    });
}

/** The flat chosen or created, with the rental flag (出租房) as the form gives it. */
async function chooseHouse(
  tx: Db,
  buildingId: number,
  choice: HouseChoice,
): Promise<{ id: number; unit: string; room: string }> {
  if ('houseId' in choice) {
    const found = await one<{ id: number; unit: string; room: string }>(
      tx,
      sql`update houses set is_rental = ${choice.isRental} where id = ${choice.houseId}
            and building_id = ${buildingId} returning id, unit, room`,
    );
    if (!found) throw new AppError('NOT_FOUND', 404);
    return found;
  }
  const made = await one<{ id: number; unit: string; room: string }>(
    tx,
    sql`insert into houses (building_id, unit, floor, room, is_rental)
        values (${buildingId}, ${choice.unit.trim()}, ${choice.floor}, ${choice.room.trim()}, ${choice.isRental})
        on conflict (building_id, unit, room) do nothing returning id, unit, room`,
  );
  if (!made) throw new AppError('HOUSE_TAKEN', 409);
  return made;
}
