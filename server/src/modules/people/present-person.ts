import {
  type ArchiveTag,
  ageOn,
  type HouseholdView,
  type PersonView,
  type Relation,
} from '@civicgrid/shared';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { unseal } from '../personal-data/fields.ts';
import { maskAs } from '../personal-data/mask.ts';
import type { HouseholdRow, MoveRow, PersonRow, TagRow } from './queries.ts';

/** Today in the district (Asia/Shanghai, UTC+8 all year), as YYYY-MM-DD. */
export function districtToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The tags a person carries: assigned ones, then derived ones; sensitive ones only when the caller may. */
export function tagsOf(p: PersonRow, assigned: number[], tags: TagRow[], sensitive: boolean, today: string) {
  return tags.filter((t) => {
    if (t.sensitive && !sensitive) return false;
    if (t.derived === 'age80') return p.birthDate !== null && ageOn(p.birthDate, today) >= 80;
    if (t.derived === 'floating') return p.floatingRegisteredOn !== null;
    return assigned.includes(t.id);
  }) satisfies ArchiveTag[];
}

/**
 * A person for staff in scope (people.read): the name in clear (the archive's keepers know whom they look
 * after), the ID number and phone masked; `revealPersonRoute` returns those in clear with an audit row.
 */
export function presentPerson(
  cipher: PersonalDataCipher,
  p: PersonRow,
  tags: ArchiveTag[],
  today: string,
): PersonView {
  return {
    id: p.id,
    householdId: p.householdId,
    gridCode: p.code,
    name: unseal(cipher, p.nameEnc) ?? '',
    gender: p.gender,
    birthDate: p.birthDate,
    age: p.birthDate ? ageOn(p.birthDate, today) : null,
    idType: p.idType,
    idNumber: maskAs('idNumber', unseal(cipher, p.idNumberEnc)),
    phone: maskAs('phone', unseal(cipher, p.phoneEnc)),
    relation: p.relation as Relation,
    status: p.status,
    statusChangedOn: p.statusChangedOn,
    floatingRegisteredOn: p.floatingRegisteredOn,
    tags,
  };
}

/**
 * A household page: its place, its members as presentPerson shows them, their moves. A move names the other
 * household of a transfer only when the caller may read it (`mayRead` of its grid's code).
 */
export function presentHousehold(
  cipher: PersonalDataCipher,
  h: HouseholdRow,
  members: PersonView[],
  moves: MoveRow[],
  mayRead: (code: string) => boolean,
): HouseholdView {
  return {
    id: h.id,
    grid: { id: h.gridId, code: h.code, name: h.gridName },
    building: { id: h.buildingId, name: h.buildingName, address: h.buildingAddress, lng: h.lng, lat: h.lat },
    house: { id: h.houseId, unit: h.unit, floor: h.floor, room: h.room, isRental: h.isRental },
    address: houseAddress(h.buildingAddress, h.unit, h.room),
    contactPhone: maskAs('phone', unseal(cipher, h.contactPhoneEnc)),
    headPersonId: h.headPersonId,
    size: members.filter((m) => m.status === 'resident').length,
    members,
    moves: moves.map(({ nameEnc, fromCode, toCode, ...m }) => ({
      ...(m as Omit<HouseholdView['moves'][number], 'personName'>),
      fromHouseholdId: fromCode && mayRead(fromCode) ? m.fromHouseholdId : null,
      toHouseholdId: toCode && mayRead(toCode) ? m.toHouseholdId : null,
      personName: unseal(cipher, nameEnc) ?? '',
    })),
  };
}

/** A house's full address as the archive writes it (富民社区3号楼1单元101室), like HOUSE_ADDRESS in SQL. */
export function houseAddress(building: string, unit: string, room: string): string {
  return `${building}${unit ? `${unit}单元` : ''}${room}${/[0-9]$/.test(room) ? '室' : ''}`;
}
