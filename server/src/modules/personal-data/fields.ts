import { type SQL, sql } from 'drizzle-orm';
import type { PersonalDataCipher } from './cipher.ts';
import { normalise, type PersonalKind } from './mask.ts';

/** Seals a personal value for its `_enc` column; empty and missing values stay null. */
export function seal(cipher: PersonalDataCipher, value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? cipher.encrypt(text) : null;
}

/** Opens a sealed column value; null stays null. */
export function unseal(cipher: PersonalDataCipher, stored: string | null | undefined): string | null {
  return stored ? cipher.decrypt(stored) : null;
}

/**
 * The blind index to store beside a sealed value that must be found by exact match (a person by name or ID
 * number, a household by phone): keyed, over the normalised value, so 138 0000 1111 finds 13800001111.
 */
export function blindIndexOf(cipher: PersonalDataCipher, kind: PersonalKind, value: string): string {
  return cipher.blindIndex(normalise(kind, value));
}

/** Every blind index a searched value may be stored under (one per key of the ring). */
export function blindIndexesOf(cipher: PersonalDataCipher, kind: PersonalKind, value: string): string[] {
  return cipher.blindIndexes(normalise(kind, value));
}

/**
 * A SQL condition matching a blind-index column against a searched value under every key of the ring (rows
 * not yet rotated keep the previous key's index). Combine it with the caller's scope condition: the index
 * says "same value", never "may see".
 */
export function blindIndexMatches(
  cipher: PersonalDataCipher,
  column: SQL,
  kind: PersonalKind,
  value: string,
): SQL {
  const wanted = blindIndexesOf(cipher, kind, value);
  return sql`${column} in (${sql.join(
    wanted.map((w) => sql`${w}`),
    sql`, `,
  )})`;
}
