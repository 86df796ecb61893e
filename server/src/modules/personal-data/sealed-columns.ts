import type { PersonalKind } from './mask.ts';

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
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'cases', column: 'reporter_name_enc', kind: 'name' },
  { table: 'cases', column: 'reporter_phone_enc', kind: 'phone' },
  { table: 'cases', column: 'reporter_email_enc', kind: 'email' },
  { table: 'households', column: 'address_enc', kind: 'address' },
  { table: 'persons', column: 'name_enc', kind: 'name', index: 'name_bidx' },
  { table: 'persons', column: 'phone_enc', kind: 'phone' },
  { table: 'persons', column: 'id_number_enc', kind: 'idNumber', index: 'id_number_hash' },
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
  { table: 'persons', legacy: 'legacy_name', column: 'name_enc', kind: 'name', index: 'name_bidx' },
];
