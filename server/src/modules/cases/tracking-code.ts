import { randomInt } from 'node:crypto';

// Crockford-style alphabet without I, L, O, U: no letters a resident could misread over the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking code such as CG2611-7K3QXM: issue month plus six random characters (~10^9 per month). */
export function newTrackingCode(now = new Date()): string {
  const ym = `${String(now.getUTCFullYear()).slice(2)}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `CG${ym}-${tail}`;
}

// A tracking code in free text (a merge note written before codes were kept to reporters, a description that
// quotes one); case-insensitive like the lookups.
const CODE_IN_TEXT = /\bCG\d{4}-[0-9A-Z]{6}\b/gi;
// Keys that held tracking codes: trackingCode, and the masterTrackingCode / mergedTrackingCode of merge events.
const CODE_KEY = /trackingcode$/i;

/**
 * A copy of a view with every tracking code taken out: keys named …TrackingCode are dropped and codes in text
 * are blotted. Applied to what staff and followers receive, so neither old events (merge notes carried the
 * master's code) nor a presenter that still passes a code along can hand a reporter's credential to someone
 * else. Dates and other non-plain objects are kept as they are.
 */
export function withoutTrackingCodes<T>(value: T): T {
  if (typeof value === 'string') return value.replace(CODE_IN_TEXT, '******') as T;
  if (Array.isArray(value)) return value.map(withoutTrackingCodes) as T;
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !CODE_KEY.test(k))
      .map(([k, v]) => [k, withoutTrackingCodes(v)]),
  ) as T;
}
