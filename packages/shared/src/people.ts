/**
 * The people archive's shared rules (docs/people.md): identity documents (GB 11643), relations, statuses, age
 * bands and the seeded tags. Server, import and console validate with these same functions.
 */

export const ID_TYPES = ['id_card', 'hmt_residence', 'passport'] as const;
export type IdType = (typeof ID_TYPES)[number];

export const RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'sibling',
  'tenant',
  'other',
] as const;
export type Relation = (typeof RELATIONS)[number];

export const PERSON_STATUSES = ['resident', 'moved_out', 'deceased'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const GENDERS = ['M', 'F'] as const;
export type Gender = (typeof GENDERS)[number];

/** zh/en labels of the archive's enumerations (console, import template, export). */
export const PEOPLE_LABELS = {
  idType: {
    id_card: { zh: '居民身份证', en: 'Resident ID card' },
    hmt_residence: { zh: '港澳台居民居住证', en: 'HK/Macao/Taiwan residence permit' },
    passport: { zh: '护照', en: 'Passport' },
  },
  relation: {
    head: { zh: '户主', en: 'Head' },
    spouse: { zh: '配偶', en: 'Spouse' },
    child: { zh: '子女', en: 'Child' },
    parent: { zh: '父母', en: 'Parent' },
    grandchild: { zh: '孙子女', en: 'Grandchild' },
    sibling: { zh: '兄弟姐妹', en: 'Sibling' },
    tenant: { zh: '租户', en: 'Tenant' },
    other: { zh: '其他', en: 'Other' },
  },
  status: {
    resident: { zh: '在住', en: 'Resident' },
    moved_out: { zh: '已迁出', en: 'Moved out' },
    deceased: { zh: '已注销（死亡）', en: 'Deceased' },
  },
  gender: { M: { zh: '男', en: 'Male' }, F: { zh: '女', en: 'Female' } },
} as const;

/** Tags whose holders are vulnerable: shown only to roles granted people.sensitive (PRODUCT.md §8). */
export const SENSITIVE_TAGS = ['独居老人', '残疾', '低保', '留守儿童'] as const;

/** Age bands of the population statistics, [from, to) in whole years; the last is open. */
export const AGE_BANDS: readonly { key: string; from: number; to: number | null }[] = [
  { key: '0-17', from: 0, to: 18 },
  { key: '18-59', from: 18, to: 60 },
  { key: '60-79', from: 60, to: 80 },
  { key: '80+', from: 80, to: null },
];

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** What an 18-character GB 11643 number says: birth date (YYYY-MM-DD) and gender (17th digit odd = male). */
export interface IdCardFacts {
  birthDate: string;
  gender: Gender;
}

/** Why an identity number was refused, for row-level reports and form errors. */
export type IdProblem = 'format' | 'checksum' | 'birth_date' | 'birth_mismatch' | 'gender_mismatch';

export const ID_PROBLEM_LABELS: Record<IdProblem, { zh: string; en: string }> = {
  format: { zh: '证件号码格式不正确', en: 'The document number is malformed' },
  checksum: { zh: '身份证号码校验位错误', en: 'The ID number fails its check digit' },
  birth_date: { zh: '身份证号码中的出生日期无效', en: 'The ID number holds no valid birth date' },
  birth_mismatch: {
    zh: '出生日期与身份证号码不一致',
    en: 'The birth date does not agree with the ID number',
  },
  gender_mismatch: { zh: '性别与身份证号码不一致', en: 'The gender does not agree with the ID number' },
};

/** Upper-case, without spaces: the form every check and blind index uses. */
export function normaliseIdNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** A real calendar date YYYY-MM-DD (no 2023-02-30), within 1880 and today's year + 1. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1880 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Reads an 18-character resident ID number; a problem when it is not a valid GB 11643 number. */
export function parseIdCard(value: string): IdCardFacts | { problem: IdProblem } {
  const id = normaliseIdNumber(value);
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return { problem: 'format' };
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { problem: 'checksum' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(birthDate)) return { problem: 'birth_date' };
  return { birthDate, gender: Number(id[16]) % 2 === 1 ? 'M' : 'F' };
}

/**
 * Checks an identity document against the person's birth date and gender. Resident ID cards and
 * 港澳台居民居住证 (also GB 11643 numbers, regions 81/82/83) must agree with both; a passport is 5–17 letters and
 * digits. Returns null when valid.
 */
export function idDocumentProblem(
  type: IdType,
  number: string,
  person: { birthDate?: string | null; gender?: Gender | null },
): IdProblem | null {
  const id = normaliseIdNumber(number);
  if (type === 'passport') return /^[A-Z0-9]{5,17}$/.test(id) ? null : 'format';
  const facts = parseIdCard(id);
  if ('problem' in facts) return facts.problem;
  if (type === 'hmt_residence' && !/^8[123]/.test(id)) return 'format';
  if (person.birthDate && person.birthDate !== facts.birthDate) return 'birth_mismatch';
  if (person.gender && person.gender !== facts.gender) return 'gender_mismatch';
  return null;
}

/** Builds a valid ID number from region, birth date, gender and a sequence (demo data, tests, benchmarks). */
export function makeIdNumber(region: string, birthDate: string, gender: Gender, sequence: number): string {
  // the 17th digit carries the gender: odd for men, even for women
  const seq = sequence % 500;
  const order = String(seq * 2 + (gender === 'M' ? 1 : 0)).padStart(3, '0');
  const first17 = `${region}${birthDate.replaceAll('-', '')}${order}`;
  return first17 + idCheckChar(first17);
}

/** A mainland mobile (1[3-9]x, 11 digits) or a landline with area code; spaces and dashes ignored. */
export function isPhone(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return /^1[3-9]\d{9}$/.test(digits) || /^0\d{2,3}\d{7,8}$/.test(digits);
}

/** Whole years of age on a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
