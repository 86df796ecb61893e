import type { CategoryQuestion } from '@civicgrid/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../infra/errors.ts';
import { validateAnswers } from './answers.ts';

const questions: CategoryQuestion[] = [
  {
    code: 'volume',
    labelZh: '垃圾量',
    labelEn: 'Amount',
    type: 'single',
    required: true,
    options: [
      { value: 'small', labelZh: '少量', labelEn: 'A little' },
      { value: 'large', labelZh: '大量', labelEn: 'A lot' },
    ],
  },
  { code: 'pole_number', labelZh: '灯杆编号', labelEn: 'Pole', type: 'text', required: false },
  { code: 'count', labelZh: '数量', labelEn: 'Count', type: 'number', required: false, min: 1, max: 10 },
  {
    code: 'kinds',
    labelZh: '类型',
    labelEn: 'Kinds',
    type: 'multiple',
    required: false,
    options: [
      { value: 'a', labelZh: '甲', labelEn: 'A' },
      { value: 'b', labelZh: '乙', labelEn: 'B' },
    ],
  },
];
const category = { questions };

/** The AppError validateAnswers throws for these answers. */
function refusal(answers: unknown): AppError {
  try {
    validateAnswers(category, answers);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('validateAnswers', () => {
  it('returns cleaned answers: trimmed text, numeric strings as numbers, de-duplicated choices', () => {
    expect(
      validateAnswers(category, {
        volume: 'large',
        pole_number: '  LD-0012 ',
        count: '3',
        kinds: ['b', 'b', 'a'],
      }),
    ).toEqual({ volume: 'large', pole_number: 'LD-0012', count: 3, kinds: ['b', 'a'] });
  });

  it('leaves unanswered optional questions out and accepts a single value for a multiple question', () => {
    expect(validateAnswers(category, { volume: 'small', pole_number: '', kinds: 'a' })).toEqual({
      volume: 'small',
      kinds: ['a'],
    });
  });

  it('accepts no answers at all for a category without questions', () => {
    expect(validateAnswers({ questions: [] }, undefined)).toEqual({});
    expect(validateAnswers({ questions: [] }, {})).toEqual({});
  });

  it('refuses a missing required answer with ANSWER_REQUIRED naming the field', () => {
    for (const answers of [{}, { volume: '' }, { volume: null }, undefined]) {
      const err = refusal(answers);
      expect(err.code).toBe('ANSWER_REQUIRED');
      expect(err.status).toBe(400);
      expect(err.details).toEqual([{ field: 'answers/volume', message: 'is required' }]);
    }
  });

  it('refuses an option that does not exist, a non-number and a number out of bounds', () => {
    expect(refusal({ volume: 'huge' }).details).toEqual([
      { field: 'answers/volume', message: 'must be one of the options' },
    ]);
    expect(refusal({ volume: 'small', count: 'three' }).code).toBe('ANSWER_INVALID');
    expect(refusal({ volume: 'small', count: Number.NaN }).code).toBe('ANSWER_INVALID');
    expect(refusal({ volume: 'small', count: 11 }).details).toEqual([
      { field: 'answers/count', message: 'must be at most 10' },
    ]);
    expect(refusal({ volume: 'small', kinds: ['a', 'z'] }).code).toBe('ANSWER_INVALID');
    expect(refusal({ volume: 'small', kinds: [1] }).code).toBe('ANSWER_INVALID');
  });

  it('refuses text over 500 characters, non-text text, unknown questions and a non-object', () => {
    expect(refusal({ volume: 'small', pole_number: 'x'.repeat(501) }).code).toBe('ANSWER_INVALID');
    expect(
      validateAnswers(category, { volume: 'small', pole_number: 'x'.repeat(500) }).pole_number,
    ).toHaveLength(500);
    expect(refusal({ volume: 'small', pole_number: 12 }).code).toBe('ANSWER_INVALID');
    expect(refusal({ volume: 'small', colour: 'red' }).details).toEqual([
      { field: 'answers/colour', message: 'is not a question of this category' },
    ]);
    expect(refusal(['small']).details).toEqual([{ field: 'answers', message: 'must be an object' }]);
    expect(refusal('small').code).toBe('ANSWER_INVALID');
  });

  it('reports invalid and missing answers together as ANSWER_INVALID', () => {
    const err = refusal({ count: 0 });
    expect(err.code).toBe('ANSWER_INVALID');
    expect(err.details).toEqual([
      { field: 'answers/count', message: 'must be at least 1' },
      { field: 'answers/volume', message: 'is required' },
    ]);
  });

  it('does not mistake inherited object properties for answers', () => {
    const withConstructor = [
      { code: 'constructor', labelZh: '甲', labelEn: 'A', type: 'text' as const, required: true },
    ];
    expect(() => validateAnswers({ questions: withConstructor }, {})).toThrow(AppError);
  });
});
