import { createHash, timingSafeEqual } from 'node:crypto';
import type { PersonalDataCipher } from '../../infra/crypto.ts';
import { AppError } from '../../infra/errors.ts';
import type { CaseRow } from './case-row.ts';

/** The digits of a phone number without a +86 / 0086 country prefix, so "+86 138-0000-1111" = "13800001111". */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.startsWith('0086')) return digits.slice(4);
  if (digits.length === 13 && digits.startsWith('86')) return digits.slice(2);
  return digits;
}

/** Equal phone numbers after normalising, compared in constant time (hashes of equal length). */
export function samePhone(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(normalisePhone(s)).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Whether rating or reopening by tracking code needs the phone number given at report time. */
export function needsPhone(c: CaseRow): boolean {
  return c.reporterPhoneEnc !== null;
}

/**
 * The second factor of the tracking code: whoever rates or reopens a case by its code must also give the
 * phone number the reporter left (when they left one). 403 REPORTER_CHECK_FAILED otherwise, before anything
 * is read or changed, with the same answer for a missing and a wrong number.
 */
export function assertReporterPhone(c: CaseRow, phone: string | undefined, cipher: PersonalDataCipher): void {
  if (!needsPhone(c)) return;
  const stored = cipher.decrypt(c.reporterPhoneEnc!);
  if (!phone || !normalisePhone(phone) || !samePhone(stored, phone))
    throw new AppError('REPORTER_CHECK_FAILED', 403);
}
