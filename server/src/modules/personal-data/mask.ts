/** The kinds of personal field CivicGrid keeps, each with its own masking and normalisation. */
export type PersonalKind = 'phone' | 'idNumber' | 'name' | 'address' | 'email';

/** Masks all but the first and last characters kept, e.g. 4116**********1234 (length preserved). */
export function mask(value: string, keepStart = 3, keepEnd = 4): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  return value.slice(0, keepStart) + '*'.repeat(value.length - keepStart - keepEnd) + value.slice(-keepEnd);
}

/** A phone as its digits: 138****5678 for a mobile, 039****1001 for a landline, ***12 for a short number. */
export function maskPhone(value: string): string {
  const digits = normalise('phone', value);
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return '*'.repeat(Math.max(digits.length - 2, 1)) + digits.slice(-2);
}

/** An identity document: region and last digits of a GB 11643 number (4116**********1234), less of a passport. */
export function maskIdNumber(value: string): string {
  const id = normalise('idNumber', value);
  return id.length >= 15 ? mask(id, 4, 4) : mask(id, 1, 2);
}

/** A name: the surname and, from three characters on, the last character (张*, 张*明, 欧**明). */
export function maskName(value: string): string {
  const chars = Array.from(normalise('name', value));
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/**
 * An address: the community or road stays readable, every house, building, unit and room number is starred
 * (富民社区*号楼*单元***室). Without numbers to hide, the second half is starred instead.
 */
export function maskAddress(value: string): string {
  const text = normalise('address', value);
  const starred = text.replace(/[0-9A-Za-z０-９]/g, '*');
  if ((starred.match(/\*/g)?.length ?? 0) >= 2) return starred;
  const chars = Array.from(text);
  const keep = Math.ceil(chars.length / 2);
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

/** An e-mail address: the first character of the mailbox and the domain (w***@example.org). */
export function maskEmail(value: string): string {
  const text = normalise('email', value);
  const at = text.lastIndexOf('@');
  if (at < 1) return mask(text, 1, 0);
  return `${text[0]}***${text.slice(at)}`;
}

const MASKS: Record<PersonalKind, (value: string) => string> = {
  phone: maskPhone,
  idNumber: maskIdNumber,
  name: maskName,
  address: maskAddress,
  email: maskEmail,
};

/** Masks a value of the given kind; null stays null. */
export function maskAs(kind: PersonalKind, value: string | null | undefined): string | null {
  return value === null || value === undefined || value === '' ? null : MASKS[kind](value);
}

/**
 * The form a value is compared in (blind indexes, duplicate checks): phones as digits without the +86 prefix,
 * ID numbers upper-case without spaces, names and addresses NFKC with single spaces.
 */
export function normalise(kind: PersonalKind, value: string): string {
  const text = value.normalize('NFKC').trim();
  switch (kind) {
    case 'phone': {
      const digits = text.replace(/\D/g, '');
      return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
    }
    case 'idNumber':
      return text.replace(/\s/g, '').toUpperCase();
    case 'email':
      return text.replace(/\s/g, '').toLowerCase();
    default:
      return text.replace(/\s+/g, ' ');
  }
}

/**
 * A copy of an audit payload with the named personal fields masked: audit rows are kept for years and read
 * by every auditor in scope, so they never hold personal data in clear.
 */
export function maskForAudit<T extends Record<string, unknown>>(
  values: T,
  kinds: Partial<Record<keyof T, PersonalKind>>,
): T {
  const out: Record<string, unknown> = { ...values };
  for (const [key, kind] of Object.entries(kinds) as [string, PersonalKind][]) {
    const v = out[key];
    if (typeof v === 'string') out[key] = maskAs(kind, v);
  }
  return out as T;
}
