import type { Gender, Relation } from '@civicgrid/shared';
import { GIVEN, SURNAMES } from './names.ts';

/** A deterministic 32-bit hash (FNV-1a), so the demo district is the same on every fresh start. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const pick = (chars: string, key: string) => chars[hash(key) % chars.length]!;

/** One synthetic resident, before sealing. */
export interface DemoPerson {
  name: string;
  gender: Gender;
  birthDate: string;
  idNumber: string;
  phone: string | null;
  relation: Relation;
  /** registration date of a non-local resident (流动人口), null for locals */
  floating: string | null;
  /** assigned tag names (derived ones such as 80岁以上 are computed from the birth date) */
  tags: string[];
}

/** A day of a year drawn from a key, as YYYY-MM-DD (days 1–28, so every month has it). */
function dayOf(year: number, key: string): string {
  const h = hash(key);
  return `${year}-${String(1 + (h % 12)).padStart(2, '0')}-${String(1 + ((h >>> 8) % 28)).padStart(2, '0')}`;
}

/**
 * Household k of the demo: one in 25 an elder living alone (独居老人), one in 30 tenants registered as
 * non-local residents in a rental flat, the rest a couple and a child. Tags are sprinkled at plausible rates.
 */
export function demoHousehold(
  k: number,
  idNumber: (birthDate: string, gender: Gender) => string,
): { rental: boolean; members: DemoPerson[] } {
  const alone = k % 25 === 0;
  const tenants = !alone && k % 30 === 7;
  const headYear = alone ? 1931 + (hash(`${k}e`) % 20) : 1945 + (hash(`${k}y`) % 55);
  const headGender: Gender = hash(`${k}x`) % 2 === 0 ? 'M' : 'F';
  const plan: [Relation, number, Gender][] = alone
    ? [['head', headYear, headGender]]
    : [
        ['head', headYear, headGender],
        ['spouse', headYear + (hash(`${k}s`) % 5) - 2, headGender === 'M' ? 'F' : 'M'],
        ['child', Math.min(headYear + 22 + (hash(`${k}c`) % 14), 2024), hash(`${k}cg`) % 2 === 0 ? 'M' : 'F'],
      ];
  const surname = pick(SURNAMES, `${k}s1`);
  const members = plan.map(([relation, year, gender], n): DemoPerson => {
    const p = n + 1;
    const name =
      (relation === 'spouse' ? pick(SURNAMES, `${k}s${p}`) : surname) +
      pick(GIVEN, `${k}g${p}`) +
      (p % 2 === 0 ? '' : pick(GIVEN, `${k}h${p}`));
    const birthDate = dayOf(year, `${k}d${p}`);
    const tags = [
      alone ? '独居老人' : null,
      !alone && year <= 1960 && relation !== 'child' && k % 9 === 0 ? '空巢' : null,
      hash(`${k}p${p}`) % 40 === 0 ? '党员' : null,
      relation === 'head' && k % 50 === 3 ? '低保' : null,
      hash(`${k}r${p}`) % 60 === 0 ? '残疾' : null,
      gender === 'M' && year <= 1985 && hash(`${k}v${p}`) % 45 === 0 ? '退役军人' : null,
      year <= 1955 && hash(`${k}w${p}`) % 30 === 0 ? '五老' : null,
      relation === 'child' && year >= 2012 && k % 16 === 5 ? '留守儿童' : null,
    ].filter((t): t is string => t !== null);
    return {
      name,
      gender,
      birthDate,
      idNumber: idNumber(birthDate, gender),
      phone:
        relation === 'head' ? `13${String(100_000_000 + ((k * 7919) % 900_000_000)).padStart(9, '0')}` : null,
      relation,
      floating: tenants ? dayOf(2020 + (k % 6), `${k}f`) : null,
      tags,
    };
  });
  return { rental: tenants, members };
}
