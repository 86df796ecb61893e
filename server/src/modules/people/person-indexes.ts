import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { blindIndexOf } from '../personal-data/fields.ts';
import { normalise } from '../personal-data/mask.ts';

/** The blind indexes kept beside a sealed name: the whole name, its first character and its first two. */
export interface NameIndexes {
  nameBidx: string;
  name1Bidx: string;
  name2Bidx: string | null;
}

/**
 * The name's blind indexes. The one- and two-character prefixes let search find a surname (张) or a name's
 * start (欧阳, 张三) by exact index match within the caller's scope, never by decrypting rows; three
 * characters or more match the whole name.
 */
export function nameIndexes(cipher: PersonalDataCipher, name: string): NameIndexes {
  const chars = Array.from(normalise('name', name));
  return {
    nameBidx: blindIndexOf(cipher, 'name', name),
    name1Bidx: blindIndexOf(cipher, 'name', chars[0] ?? ''),
    name2Bidx: chars.length >= 2 ? blindIndexOf(cipher, 'name', chars.slice(0, 2).join('')) : null,
  };
}

/** Which index column a searched name is matched against, by its length in characters. */
export function nameSearchColumn(query: string): 'name1_bidx' | 'name2_bidx' | 'name_bidx' {
  const n = Array.from(normalise('name', query)).length;
  return n <= 1 ? 'name1_bidx' : n === 2 ? 'name2_bidx' : 'name_bidx';
}
