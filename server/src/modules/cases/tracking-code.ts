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
