import { ageOn } from '@civicgrid/shared';
import { districtToday } from '../people/present-person.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { unseal } from '../personal-data/fields.ts';
import { maskName, maskPhone } from '../personal-data/mask.ts';
import type { CandidateRow, WatchedRow } from './queries.ts';

const masked = (cipher: PersonalDataCipher, enc: string) => maskName(unseal(cipher, enc) ?? '');

/** A candidate of the 独居老人 list, name masked. */
export function presentCandidate(cipher: PersonalDataCipher, c: CandidateRow, today = districtToday()) {
  return {
    personId: c.personId,
    name: masked(cipher, c.nameEnc),
    gender: c.gender,
    age: c.birthDate ? ageOn(c.birthDate, today) : null,
    gridName: c.gridName,
    gridCode: c.code,
    buildingAddress: c.buildingAddress,
  };
}

/**
 * A watched person for the watch list and the phone: name masked, when last seen, whether the watch is paused
 * and whether their lapse is already past the threshold, and their open alert if any.
 */
export function presentWatched(cipher: PersonalDataCipher, w: WatchedRow, now = new Date()) {
  const from = Math.max(w.lastSeenAt?.getTime() ?? 0, w.watchFrom.getTime(), w.statusUntil?.getTime() ?? 0);
  const paused = w.status !== 'home' && w.statusUntil !== null && w.statusUntil > now;
  return {
    ...presentCandidate(cipher, { ...w }),
    thresholdHours: w.thresholdHours,
    status: w.status,
    statusUntil: w.statusUntil,
    paused,
    lastSeenAt: w.lastSeenAt,
    overdue: !paused && w.endedAt === null && now.getTime() - from >= w.thresholdHours * 3_600_000,
    enrolledAt: w.enrolledAt,
    endedAt: w.endedAt,
    alert: w.alertCaseId
      ? { caseId: w.alertCaseId, raisedAt: w.alertRaisedAt, level: w.alertLevel, actedAt: w.alertActedAt }
      : null,
  };
}

/** Emergency contacts, masked (the reveal route gives them in clear, audited). */
export function presentContacts(
  cipher: PersonalDataCipher,
  contacts: { id: number; relation: string; nameEnc: string; phoneEnc: string }[],
) {
  return contacts.map((c) => ({
    relation: c.relation,
    name: masked(cipher, c.nameEnc),
    phone: maskPhone(unseal(cipher, c.phoneEnc) ?? ''),
  }));
}
