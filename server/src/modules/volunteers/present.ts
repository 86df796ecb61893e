import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { unseal } from '../personal-data/fields.ts';
import { maskAs } from '../personal-data/mask.ts';
import type { ActivityPhotoRow, ActivityRow, SignupRow } from './activity-queries.ts';
import type { BoardLine } from './board-queries.ts';
import type { VolunteerRow } from './queries.ts';

/** A volunteer as staff and the volunteer see it: the person's name masked, never the sealed value. */
export function presentVolunteer(cipher: PersonalDataCipher, v: VolunteerRow) {
  return {
    id: v.id,
    personId: v.personId,
    name: maskAs('name', unseal(cipher, v.nameEnc)),
    gender: v.gender,
    orgCode: v.orgCode,
    orgName: v.orgName,
    categoryCode: v.categoryCode,
    stage: v.stage,
    stageChangedAt: v.stageChangedAt,
    points: v.points,
    hours: v.hours,
    honours: v.honours,
    hasLogin: v.userId !== null,
  };
}

/** An activity with its place as a point for the map. */
export function presentActivity(a: ActivityRow) {
  return {
    id: a.id,
    orgCode: a.orgCode,
    orgName: a.orgName,
    teamId: a.teamId,
    teamName: a.teamName,
    organiserName: a.organiserName,
    title: a.title,
    typeCode: a.typeCode,
    typeName: a.typeName,
    coefficient: a.coefficient,
    place: a.place,
    location: { lng: a.lng, lat: a.lat },
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    capacity: a.capacity,
    signedUp: a.signedUp,
    gridCode: a.gridCode,
    gridName: a.gridName,
  };
}

/** A photo of an activity: who attached it (a volunteer stays unnamed) and when; the bytes come by id. */
export function presentActivityPhoto(p: ActivityPhotoRow) {
  return { id: p.id, createdAt: p.createdAt, staffName: p.staffName, fromVolunteer: p.fromVolunteer };
}

/** A sign-up on the organiser's page: the volunteer's masked name and the attendance. */
export function presentSignup(cipher: PersonalDataCipher, s: SignupRow) {
  return {
    id: s.id,
    volunteerId: s.volunteerId,
    name: maskAs('name', unseal(cipher, s.nameEnc)),
    signedUpAt: s.signedUpAt,
    signedInAt: s.signedInAt,
    signedOutAt: s.signedOutAt,
    inDistanceM: s.inDistanceM,
    hours: s.hours,
    verifiedAt: s.verifiedAt,
  };
}

/** A leaderboard line: rank, masked name, area, points and hours. */
export function presentBoardLine(cipher: PersonalDataCipher, l: BoardLine) {
  return {
    rank: l.rank,
    volunteerId: l.volunteerId,
    name: maskAs('name', unseal(cipher, l.nameEnc)),
    orgCode: l.orgCode,
    orgName: l.orgName,
    points: l.points,
    hours: l.hours,
  };
}
