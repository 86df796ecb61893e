import type { Category } from '@civicgrid/shared';
import { type SQL, sql } from 'drizzle-orm';
import { AppError } from '../../../infra/errors.ts';
import { questionProblems } from '../schemas.ts';
import { textArray } from '../seed-categories.ts';

/** The fields an administrator may set on a category. */
export type CategoryChanges = Partial<
  Pick<
    Category,
    | 'nameZh'
    | 'nameEn'
    | 'gbCode'
    | 'bucket'
    | 'ownerUnitType'
    | 'limits'
    | 'duplicateRadiusM'
    | 'questions'
    | 'keywords'
    | 'inspectionPoints'
    | 'filingCriteria'
    | 'closingCriteria'
    | 'active'
    | 'sort'
  >
>;

const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/** Column and SQL value of each field that is present in changes, in a fixed order. */
export function categoryColumns(changes: CategoryChanges): { column: SQL; value: SQL }[] {
  const map: [keyof CategoryChanges, string, (v: never) => SQL][] = [
    ['nameZh', 'name_zh', (v: string) => sql`${v}`],
    ['nameEn', 'name_en', (v: string) => sql`${v}`],
    ['gbCode', 'gb_code', (v: string | null) => sql`${v}`],
    ['bucket', 'bucket', (v: string | null) => sql`${v}`],
    ['ownerUnitType', 'owner_unit_type', (v: string | null) => sql`${v}`],
    ['limits', 'limits', json],
    ['duplicateRadiusM', 'duplicate_radius_m', (v: number) => sql`${v}`],
    ['questions', 'questions', json],
    ['keywords', 'keywords', textArray],
    ['inspectionPoints', 'inspection_points', textArray],
    ['filingCriteria', 'filing_criteria', (v: string | null) => sql`${v}`],
    ['closingCriteria', 'closing_criteria', (v: string | null) => sql`${v}`],
    ['active', 'active', (v: boolean) => sql`${v}`],
    ['sort', 'sort', (v: number) => sql`${v}`],
  ];
  return map
    .filter(([key]) => changes[key] !== undefined)
    .map(([key, column, toSql]) => ({ column: sql.raw(column), value: toSql(changes[key] as never) }));
}

/** Throws VALIDATION_FAILED (400) when the questions contradict themselves (see questionProblems). */
export function assertQuestions(changes: CategoryChanges): void {
  if (!changes.questions) return;
  const problems = questionProblems(changes.questions, 'body/questions');
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 400, problems);
}
