import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { AppError } from '../../infra/errors.ts';
import { validateAnswers } from '../categories/answers.ts';
import type { ServiceCategory } from './queries.ts';

/** An answer an Open311 client sent that failed its datatype: the text as sent and what was wrong. */
export interface AnswerIssue {
  code: string;
  value: string;
  problem: string;
}

/**
 * Splits a client's answers into those that pass their question's datatype and those that do not. FixMyStreet
 * shows `number` and `string` attributes as free text and would retry a refused report for ever, so a value
 * that fails (a word for a number, an unknown option, a code the service does not ask) is kept as text for the
 * dispatcher instead. Whether required questions are answered at all is still checked by the intake.
 */
export function splitAnswers(
  service: Pick<ServiceCategory, 'questions'>,
  answers: Record<string, string | string[]>,
): { valid: Record<string, string | string[]>; issues: AnswerIssue[] } {
  const valid: Record<string, string | string[]> = {};
  const issues: AnswerIssue[] = [];
  for (const [code, value] of Object.entries(answers)) {
    const q = service.questions.find((x) => x.code === code);
    const asText = [value].flat().join(', ');
    if (!q) {
      issues.push({ code, value: asText, problem: 'is not a question of this category' });
      continue;
    }
    try {
      validateAnswers({ questions: [{ ...q, required: false }] }, { [code]: value });
      valid[code] = value;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const detail = (err.details as { message?: string }[] | undefined)?.[0]?.message;
      issues.push({ code, value: asText, problem: detail ?? err.code });
    }
  }
  return { valid, issues };
}

/** The answers of a case's Open311 request that failed their datatype (none for other channels). */
export async function answerIssuesOf(db: Db, caseId: number): Promise<AnswerIssue[]> {
  const row = await one<{ issues: AnswerIssue[] }>(
    db,
    sql`select answer_issues as issues from open311_requests where case_id = ${caseId}`,
  );
  return row?.issues ?? [];
}
