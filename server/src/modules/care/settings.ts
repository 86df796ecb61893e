import type { Db } from '../../infra/db.ts';
import { setting } from '../cases/deadlines.ts';

/** When an unanswered care alert escalates, in wall-clock hours after it was raised (nights and holidays count). */
export interface CareEscalation {
  /** the community's care contact (community staff) is told */
  careContactHours: number;
  /** the street's duty officer (值班, street staff) and the emergency contacts are told */
  dutyOfficerHours: number;
}

export const CARE_ESCALATION_KEY = 'care.escalation';
export const DEFAULT_CARE_ESCALATION: CareEscalation = { careContactHours: 2, dutyOfficerHours: 6 };

/** The escalation hours in force: the `care.escalation` setting over the defaults (docs/care.md). */
export async function readCareEscalation(db: Db): Promise<CareEscalation> {
  const stored = await setting<Partial<CareEscalation>>(db, CARE_ESCALATION_KEY, {});
  return { ...DEFAULT_CARE_ESCALATION, ...stored };
}
