import { type ReporterView, type RevealedReporter, roleAllows } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { unseal } from '../personal-data/fields.ts';
import { maskEmail, maskName, maskPhone } from '../personal-data/mask.ts';
import type { Holds } from './case-access.ts';
import type { CaseRow } from './case-row.ts';

/**
 * What a staff caller may know of who reported a case (PRODUCT.md §8, "residents' identities are hidden from
 * units unless needed"):
 * - `knows`: roles with personal.reveal over the case's area (district admin, dispatcher, street, community,
 *   grid worker) see the reporter masked and may reveal with a reason, to call back;
 * - `on_request`: a unit handling the case (dispatched to it or called in by 吹哨) sees nothing of the reporter
 *   but may reveal the contact with a reason, e.g. to be let into a flat;
 * - `none`: leaders, a unit before or after its part, anyone else.
 */
export type ReporterAccess = 'knows' | 'on_request' | 'none';

/** How much of the reporter this caller may know, from how they hold the case. */
export function reporterAccess(c: CaseRow, holds: Holds): ReporterAccess {
  if (holds.some((h) => h.via === 'scope' && roleAllows(h.role, 'personal.reveal'))) return 'knows';
  const handling = holds.some((h) => h.role === 'unit_handler' && (h.via === 'unit' || h.via === 'co_unit'));
  return handling && c.state === 'dispatched' ? 'on_request' : 'none';
}

/**
 * Who reported, in clear (callers mask it or record a reveal first): the name and phone given with the report, else (for a resident reporting from an account)
 * the account's name. Staff entering a hotline or patrol report are not the reporter, so their account
 * never stands in for one.
 */
export async function reporterIdentity(
  db: Db,
  cipher: PersonalDataCipher,
  c: CaseRow,
): Promise<RevealedReporter> {
  let name = unseal(cipher, c.reporterNameEnc);
  if (name === null && c.source === 'resident' && c.reporterId) {
    const account = await one<{ name: string }>(
      db,
      sql`select display_name as name from users where id = ${c.reporterId}`,
    );
    name = account?.name ?? null;
  }
  return { name, phone: unseal(cipher, c.reporterPhoneEnc), email: unseal(cipher, c.reporterEmailEnc) };
}

/** The reporter part of the staff case view; null when the caller may know nothing of the reporter. */
export async function presentReporter(
  db: Db,
  cipher: PersonalDataCipher,
  c: CaseRow,
  access: ReporterAccess,
): Promise<ReporterView | null> {
  if (access === 'none') return null;
  const who = await reporterIdentity(db, cipher, c);
  const any = who.name !== null || who.phone !== null || who.email !== null;
  if (access === 'on_request')
    return any
      ? { withheld: true, name: null, phone: null, email: null, account: false, canReveal: true }
      : null;
  return {
    withheld: false,
    name: who.name === null ? null : maskName(who.name),
    phone: who.phone === null ? null : maskPhone(who.phone),
    email: who.email === null ? null : maskEmail(who.email),
    account: c.source === 'resident' && c.reporterId !== null,
    canReveal: any,
  };
}

/**
 * The account whose name the timeline must not show: the reporter's, to anyone who may not know the
 * reporter, and a resident reporter's to everyone (their name appears masked in the reporter field instead).
 * Staff reporting on patrol stay named to the roles that may know the reporter.
 */
export function withheldActor(c: CaseRow, access: ReporterAccess): string | null {
  if (!c.reporterId) return null;
  return access !== 'knows' || c.source === 'resident' ? c.reporterId : null;
}
