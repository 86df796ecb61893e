import { describe, expect, it } from 'vitest';
import { ageOn, idDocumentProblem, isPhone, makeIdNumber, parseIdCard } from './people.ts';

describe('GB 11643 identity numbers', () => {
  it('reads birth date and gender from a valid number (the example of the standard)', () => {
    expect(parseIdCard('11010519491231002x')).toEqual({ birthDate: '1949-12-31', gender: 'F' });
  });

  it('refuses a wrong check digit, a malformed number and an impossible birth date', () => {
    expect(parseIdCard('110105194912310021')).toEqual({ problem: 'checksum' });
    expect(parseIdCard('11010519491231002')).toEqual({ problem: 'format' });
    const feb30 = makeIdNumber('411602', '1990-02-30', 'M', 1);
    expect(parseIdCard(feb30)).toEqual({ problem: 'birth_date' });
  });

  it('requires the birth date and gender of the person to agree with the number', () => {
    const id = makeIdNumber('411602', '1956-03-07', 'M', 12);
    expect(idDocumentProblem('id_card', id, { birthDate: '1956-03-07', gender: 'M' })).toBeNull();
    expect(idDocumentProblem('id_card', id, { birthDate: '1956-03-08', gender: 'M' })).toBe('birth_mismatch');
    expect(idDocumentProblem('id_card', id, { birthDate: '1956-03-07', gender: 'F' })).toBe(
      'gender_mismatch',
    );
  });

  it('takes residence permits only with a Hong Kong, Macao or Taiwan region, and passports by form', () => {
    expect(idDocumentProblem('hmt_residence', makeIdNumber('810000', '1980-01-01', 'F', 3), {})).toBeNull();
    expect(idDocumentProblem('hmt_residence', makeIdNumber('411602', '1980-01-01', 'F', 3), {})).toBe(
      'format',
    );
    expect(idDocumentProblem('passport', 'E12345678', {})).toBeNull();
    expect(idDocumentProblem('passport', 'E1', {})).toBe('format');
  });
});

describe('phones and ages', () => {
  it('accepts mobiles and landlines, with spaces or +86', () => {
    expect(['138 0000 1111', '+86 13800001111', '0394-8101001'].every(isPhone)).toBe(true);
    expect(['12800001111', '1380000111', 'abc'].some(isPhone)).toBe(false);
  });

  it('counts whole years, the birthday included', () => {
    expect(ageOn('1946-12-02', '2026-12-02')).toBe(80);
    expect(ageOn('1946-12-03', '2026-12-02')).toBe(79);
  });
});
