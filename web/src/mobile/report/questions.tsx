import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { RequiredMark } from '../components/required-mark.tsx';
import type { Category } from '../types.ts';

export type AnswerValue = string | string[];
export type Answers = Record<string, AnswerValue>;
type Question = Category['questions'][number];

interface QuestionsProps {
  questions: Question[];
  answers: Answers;
  errors: Record<string, string>;
  onChange(code: string, value: AnswerValue): void;
}

/** The label of a question (or option) in the UI language. */
export function labelOf(q: { labelZh: string; labelEn: string }, lang: string): string {
  return lang === 'en-US' ? q.labelEn : q.labelZh;
}

/** Checks the answers as the server will; returns an error message per question code. */
export function checkAnswers(
  questions: Question[],
  answers: Answers,
  lang: string,
  t: (key: string, o?: Record<string, unknown>) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const q of questions) {
    const v = answers[q.code];
    const blank = v === undefined || (Array.isArray(v) ? v.length === 0 : v.trim() === '');
    const label = labelOf(q, lang);
    if (blank) {
      const choice = q.type === 'single' || q.type === 'multiple';
      if (q.required) errors[q.code] = t(choice ? 'report.needChoice' : 'report.needAnswer', { label });
    } else if (q.type === 'number' && !/^\s*-?\d+(\.\d+)?\s*$/.test(String(v))) {
      errors[q.code] = t('report.badNumber', { label });
    }
  }
  return errors;
}

/** The answers as the API takes them: numbers as numbers, blanks left out. */
export function answersPayload(
  questions: Question[],
  answers: Answers,
): Record<string, string | number | string[]> {
  const out: Record<string, string | number | string[]> = {};
  for (const q of questions) {
    const v = answers[q.code];
    if (v === undefined || (Array.isArray(v) ? !v.length : !v.trim())) continue;
    out[q.code] = q.type === 'number' ? Number(v) : Array.isArray(v) ? v : v.trim();
  }
  return out;
}

/** A category's extra questions: text, number, one choice (chips) or several (checkboxes). */
export function Questions({ questions, answers, errors, onChange }: QuestionsProps) {
  const { i18n } = useTranslation();
  if (!questions.length) return null;
  return (
    <>
      {questions.map((q) => (
        <QuestionField
          key={q.code}
          q={q}
          lang={i18n.language}
          value={answers[q.code]}
          error={errors[q.code]}
          onChange={(v) => onChange(q.code, v)}
        />
      ))}
    </>
  );
}

interface FieldProps {
  q: Question;
  lang: string;
  value: AnswerValue | undefined;
  error: string | undefined;
  onChange(v: AnswerValue): void;
}

function QuestionField({ q, lang, value, error, onChange }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const label = (
    <>
      {labelOf(q, lang)}
      {q.required ? <RequiredMark /> : <span className="m-opt"> {t('common.optionalMark')}</span>}
    </>
  );
  const errorEl = error ? (
    <p className="m-field-error" id={`${id}-err`} role="alert">
      {error}
    </p>
  ) : null;
  const described = error ? `${id}-err` : undefined;

  if (q.type === 'single' || q.type === 'multiple') {
    const multiple = q.type === 'multiple';
    const chosen = Array.isArray(value) ? value : value ? [value] : [];
    return (
      <fieldset
        className="m-field"
        id={`field-answers-${q.code}`}
        data-testid={`question-${q.code}`}
        aria-describedby={described}
      >
        <legend className="m-label">{label}</legend>
        <div className="m-chips">
          {(q.options ?? []).map((o) => (
            <label key={o.value} className="m-chip">
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={`${id}-${q.code}`}
                value={o.value}
                checked={chosen.includes(o.value)}
                onChange={(e) => {
                  if (!multiple) onChange(o.value);
                  else
                    onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value));
                }}
              />
              <span>{labelOf(o, lang)}</span>
            </label>
          ))}
        </div>
        {errorEl}
      </fieldset>
    );
  }
  return (
    <div className="m-field" id={`field-answers-${q.code}`} data-testid={`question-${q.code}`}>
      <label className="m-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="m-input"
        type="text"
        inputMode={q.type === 'number' ? 'decimal' : 'text'}
        value={typeof value === 'string' ? value : ''}
        maxLength={500}
        aria-invalid={!!error}
        aria-describedby={described}
        aria-required={q.required}
        onChange={(e) => onChange(e.target.value)}
      />
      {errorEl}
    </div>
  );
}
