import {
  ANSWER_TEXT_MAX,
  type Category,
  type CategoryAnswers,
  type CategoryQuestion,
} from '@civicgrid/shared';
import { AppError } from '../../infra/errors.ts';

interface Problem {
  field: string;
  message: string;
}

type Outcome = { value: string | number | string[] } | { missing: true } | { invalid: string };

const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;

const isBlank = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && !v.length);

/** Checks one answer; numbers and lists may also arrive as strings from form posts (Open311 attributes). */
function check(q: CategoryQuestion, raw: unknown): Outcome {
  if (isBlank(raw)) return { missing: true };
  const allowed = new Set((q.options ?? []).map((o) => o.value));
  switch (q.type) {
    case 'text': {
      if (typeof raw !== 'string') return { invalid: 'must be text' };
      const text = raw.trim();
      if (text.length > ANSWER_TEXT_MAX) return { invalid: `must be at most ${ANSWER_TEXT_MAX} characters` };
      return { value: text };
    }
    case 'number': {
      const n = typeof raw === 'string' && NUMERIC.test(raw) ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n)) return { invalid: 'must be a number' };
      if (q.min !== undefined && n < q.min) return { invalid: `must be at least ${q.min}` };
      if (q.max !== undefined && n > q.max) return { invalid: `must be at most ${q.max}` };
      return { value: n };
    }
    case 'single':
      if (typeof raw !== 'string' || !allowed.has(raw)) return { invalid: 'must be one of the options' };
      return { value: raw };
    case 'multiple': {
      const list = typeof raw === 'string' ? [raw] : raw;
      if (!Array.isArray(list) || !list.every((v) => typeof v === 'string' && allowed.has(v))) {
        return { invalid: 'must be a list of the options' };
      }
      return { value: [...new Set(list as string[])] };
    }
  }
}

/**
 * Checks a report's answers against its category's questions and returns them cleaned (text trimmed,
 * numbers as numbers, unanswered optional questions left out; `flagged` ones count as answered). Throws ANSWER_INVALID (malformed or unknown
 * answers) or ANSWER_REQUIRED (only required ones missing), with `{ field: 'answers/<code>', message }`.
 */
export function validateAnswers(
  category: Pick<Category, 'questions'>,
  answers: unknown,
  /** questions answered in a form that failed and was kept aside for the dispatcher (Open311): not missing */
  flagged: readonly string[] = [],
): CategoryAnswers {
  const given = answers ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw new AppError('ANSWER_INVALID', 400, [{ field: 'answers', message: 'must be an object' }]);
  }
  const input = given as Record<string, unknown>;
  const invalid: Problem[] = [];
  const missing: Problem[] = [];
  const out: CategoryAnswers = {};
  const known = new Set(category.questions.map((q) => q.code));
  for (const code of Object.keys(input)) {
    if (!known.has(code))
      invalid.push({ field: `answers/${code}`, message: 'is not a question of this category' });
  }
  for (const q of category.questions) {
    const outcome = check(q, Object.hasOwn(input, q.code) ? input[q.code] : undefined);
    if ('value' in outcome) out[q.code] = outcome.value;
    else if ('invalid' in outcome) invalid.push({ field: `answers/${q.code}`, message: outcome.invalid });
    else if (q.required && !flagged.includes(q.code))
      missing.push({ field: `answers/${q.code}`, message: 'is required' });
  }
  if (invalid.length > 0) throw new AppError('ANSWER_INVALID', 400, [...invalid, ...missing]);
  if (missing.length > 0) throw new AppError('ANSWER_REQUIRED', 400, missing);
  return out;
}
