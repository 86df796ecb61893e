import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { unseal } from '../personal-data/fields.ts';
import { maskAs } from '../personal-data/mask.ts';
import type { HouseholdListRow, MemberRow, NeedRow, VisitRow } from './queries.ts';

/**
 * A household of the grid worker's list: the head's name in clear, as the archive shows it to the same
 * people.read scope (docs/people.md, "Names"), the address masked, never the sealed values.
 */
export function presentHousehold(cipher: PersonalDataCipher, h: HouseholdListRow) {
  return {
    id: h.id,
    gridCode: h.orgCode,
    gridName: h.gridName,
    building: h.building,
    buildingAddress: h.buildingAddress,
    address: maskAs('address', unseal(cipher, h.addressEnc)),
    head: unseal(cipher, h.headEnc),
    size: h.size,
    elders: h.elders,
    location: { lng: h.lng, lat: h.lat },
    lastVisitAt: h.lastVisitAt,
    visitedInPeriod: h.visitedInPeriod,
    distanceM: h.distanceM,
  };
}

/** A resident of the household: the name in clear within the people.read scope, as in the archive. */
export function presentMember(cipher: PersonalDataCipher, m: MemberRow) {
  return { id: m.id, name: unseal(cipher, m.nameEnc), gender: m.gender, age: m.age };
}

/** A need as staff in scope see it: what was heard, where it went, and whether the resident heard back. */
export function presentNeed(n: NeedRow) {
  return {
    id: n.id,
    visitId: n.visitId,
    householdId: n.householdId,
    description: n.description,
    outcome: n.outcome,
    resolution: n.resolution,
    caseId: n.caseId,
    caseState: n.caseState,
    replyDueAt: n.replyDueAt,
    repliedAt: n.repliedAt,
    replyNote: n.replyNote,
  };
}

/** A visit with its needs. */
export function presentVisit(v: VisitRow, needs: NeedRow[]) {
  return {
    id: v.id,
    householdId: v.householdId,
    gridCode: v.orgCode,
    kind: v.kind,
    visitedAt: v.visitedAt,
    visitorName: v.visitorName,
    distanceM: v.distanceM,
    far: v.far,
    notes: v.notes,
    needs: needs.filter((n) => n.visitId === v.id).map(presentNeed),
  };
}
