import { type SQL, sql } from 'drizzle-orm';
import type { PersonalDataCipher } from './cipher.ts';
import { blindIndexOf } from './fields.ts';
import { normalise, type PersonalKind } from './mask.ts';

/**
 * A column holding sealed personal data: what key rotation re-seals. `index` names the blind-index column
 * kept beside it, recomputed with the new key at the same time. Every table here has an integer `id`.
 * A module adding a personal column adds it here (households and care watch will).
 */
export interface SealedColumn {
  table: string;
  column: string;
  kind: PersonalKind;
  index?: string;
  /** blind indexes of the value's first 1, 2, … characters (a name's surname and start, for prefix search) */
  prefixIndexes?: readonly [string, string];
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'cases', column: 'reporter_name_enc', kind: 'name' },
  { table: 'cases', column: 'reporter_phone_enc', kind: 'phone', index: 'reporter_phone_bidx' },
  { table: 'cases', column: 'reporter_email_enc', kind: 'email' },
  { table: 'households', column: 'address_enc', kind: 'address' },
  { table: 'households', column: 'contact_phone_enc', kind: 'phone' },
  {
    table: 'persons',
    column: 'name_enc',
    kind: 'name',
    index: 'name_bidx',
    prefixIndexes: ['name1_bidx', 'name2_bidx'],
  },
  { table: 'persons', column: 'phone_enc', kind: 'phone', index: 'phone_bidx' },
  { table: 'persons', column: 'id_number_enc', kind: 'idNumber', index: 'id_number_hash' },
  // not personal data but a secret sealed with the same keyring (a device's signing key); no index, so the
  // kind only names how a stray value would be masked
  { table: 'care_devices', column: 'key_enc', kind: 'idNumber' },
];

/**
 * A plaintext column from before encryption (renamed `legacy_*` by migration 0014) and the sealed column its
 * values move to. SQL cannot seal (the key lives in Node), so the start-up step does it.
 */
export interface LegacyColumn extends SealedColumn {
  legacy: string;
}

export const LEGACY_COLUMNS: readonly LegacyColumn[] = [
  { table: 'cases', legacy: 'legacy_reporter_name', column: 'reporter_name_enc', kind: 'name' },
  { table: 'households', legacy: 'legacy_address', column: 'address_enc', kind: 'address' },
  {
    table: 'persons',
    legacy: 'legacy_name',
    column: 'name_enc',
    kind: 'name',
    index: 'name_bidx',
    prefixIndexes: ['name1_bidx', 'name2_bidx'],
  },
];

/** The blind indexes a column keeps for one clear value: the whole value (bidx) and its prefixes (p1, p2). */
export function indexValues(
  cipher: PersonalDataCipher,
  col: SealedColumn,
  plain: string,
): { bidx: string | null; p1: string | null; p2: string | null } {
  const chars = Array.from(normalise(col.kind, plain));
  const prefix = (n: number) =>
    col.prefixIndexes && chars.length >= n
      ? blindIndexOf(cipher, col.kind, chars.slice(0, n).join(''))
      : null;
  return { bidx: col.index ? blindIndexOf(cipher, col.kind, plain) : null, p1: prefix(1), p2: prefix(2) };
}

/** `col = x.bidx, …` for the index columns a sealed column keeps, reading a recordset with bidx, p1, p2. */
export function indexAssignments(col: SealedColumn): SQL[] {
  const out: SQL[] = [];
  if (col.index) out.push(sql`${sql.identifier(col.index)} = x.bidx`);
  if (col.prefixIndexes) {
    out.push(sql`${sql.identifier(col.prefixIndexes[0])} = x.p1`);
    out.push(sql`${sql.identifier(col.prefixIndexes[1])} = x.p2`);
  }
  return out;
}
