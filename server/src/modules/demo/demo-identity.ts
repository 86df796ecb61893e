import { type Gender, makeIdNumber } from '@civicgrid/shared';
import { nameIndexes } from '../people/person-indexes.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { blindIndexOf } from '../personal-data/fields.ts';

/**
 * Valid, distinct GB 11643 numbers for demo persons: the district's region code, the birth date, and a
 * sequence counted per birth date and gender (so no two persons share a number).
 */
export function demoIdNumbers(region: string): (birthDate: string, gender: Gender) => string {
  const next = new Map<string, number>();
  return (birthDate, gender) => {
    const key = `${birthDate}${gender}`;
    const n = next.get(key) ?? 0;
    next.set(key, n + 1);
    return makeIdNumber(region, birthDate, gender, n);
  };
}

/** A demo person's sealed fields and blind indexes (see seedResidents). */
export interface SealedDemoPerson {
  nameEnc: string;
  nameBidx: string;
  name1Bidx: string;
  name2Bidx: string | null;
  idEnc: string;
  idHash: string;
  phoneEnc: string | null;
  phoneBidx: string | null;
}

/** Seals demo persons; the demo's names repeat, so each name's indexes are computed once. */
export class IndexCache {
  private readonly names = new Map<string, ReturnType<typeof nameIndexes>>();
  constructor(private readonly cipher: PersonalDataCipher) {}

  /** The sealed fields of one person. */
  person(p: { name: string; idNumber: string; phone: string | null }): SealedDemoPerson {
    let idx = this.names.get(p.name);
    if (!idx) {
      idx = nameIndexes(this.cipher, p.name);
      this.names.set(p.name, idx);
    }
    return {
      nameEnc: this.cipher.encrypt(p.name),
      ...idx,
      idEnc: this.cipher.encrypt(p.idNumber),
      idHash: blindIndexOf(this.cipher, 'idNumber', p.idNumber),
      phoneEnc: p.phone ? this.cipher.encrypt(p.phone) : null,
      phoneBidx: p.phone ? blindIndexOf(this.cipher, 'phone', p.phone) : null,
    };
  }
}
