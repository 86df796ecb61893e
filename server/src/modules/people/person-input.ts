import {
  type Gender,
  ID_PROBLEM_LABELS,
  type IdType,
  idDocumentProblem,
  isCalendarDate,
  isPhone,
} from '@civicgrid/shared';
import { AppError, invalid } from '../../infra/errors.ts';

/** A person's fields as a form or an import row gives them (clear values, before sealing). */
export interface PersonFields {
  name: string;
  gender: Gender | null;
  birthDate: string | null;
  idType: IdType;
  idNumber: string | null;
  phone: string | null;
}

/**
 * Refuses a person whose fields do not hold together: a GB 11643 number with a wrong check digit, or one
 * whose birth date or gender differs from the person's (422 PERSON_ID_INVALID naming the problem); a phone
 * or a birth date that is not one (400).
 */
export function assertPersonFields(p: PersonFields): void {
  if (p.birthDate && !isCalendarDate(p.birthDate))
    throw invalid([{ field: 'birthDate', message: { zh: '出生日期无效', en: 'not a valid date' } }]);
  if (p.phone && !isPhone(p.phone))
    throw invalid([{ field: 'phone', message: { zh: '电话号码格式不正确', en: 'not a phone number' } }]);
  if (!p.idNumber) return;
  const problem = idDocumentProblem(p.idType, p.idNumber, { birthDate: p.birthDate, gender: p.gender });
  if (problem)
    throw new AppError('PERSON_ID_INVALID', 422, [
      { field: 'idNumber', message: ID_PROBLEM_LABELS[problem] },
    ]);
}

/** True for PostgreSQL's unique violation of the ID-number index (the number is someone else's). */
export function isIdNumberTaken(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && `${e.constraint ?? ''}${e.message ?? ''}`.includes('persons_id_number');
}
