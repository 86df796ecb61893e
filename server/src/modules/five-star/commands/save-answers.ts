import type { StandardStar } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError, invalid } from '../../../infra/errors.ts';
import type { Branch } from '../queries.ts';

export interface AnswerInput {
  key: string;
  value?: number | null;
  passed?: boolean | null;
  evidence?: string;
}

/**
 * The community's self-assessment (自评): saves its answers, creating the year's assessment on first save.
 * Only while it is a draft or was returned; an answer saved again loses the street's earlier review of it.
 * Items linked to a metric take no typed value: the platform fills them in (computed at submission).
 */
export async function saveAnswers(
  db: Db,
  branch: Branch,
  year: number,
  stars: readonly StandardStar[],
  answers: AnswerInput[],
): Promise<void> {
  const items = new Map(stars.flatMap((s) => s.items.map((i) => [i.key, i] as const)));
  const bad = answers.flatMap((a, i) => {
    const item = items.get(a.key);
    if (!item) return [{ field: `/answers/${i}/key`, message: 'not an item of this year’s standard' }];
    if (item.kind === 'score' && a.value != null && (a.value < 0 || a.value > (item.max ?? 100))) {
      return [{ field: `/answers/${i}/value`, message: `must be between 0 and ${item.max ?? 100}` }];
    }
    return [];
  });
  if (bad.length) throw invalid(bad);
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into five_star_assessments (org_code, year, scope) values (${branch.code}, ${year}, ${branch.scope})
          on conflict (org_code, year) do nothing`,
    );
    const a = await one<{ id: number; state: string }>(
      tx,
      sql`select id, state from five_star_assessments where org_code = ${branch.code} and year = ${year} for update`,
    );
    if (!a || !['draft', 'returned'].includes(a.state)) throw new AppError('FIVE_STAR_WRONG_STATE', 409);
    for (const ans of answers) {
      const linked = Boolean(items.get(ans.key)?.metric);
      await tx.execute(
        sql`insert into five_star_answers (assessment_id, item_key, value, passed, evidence)
            values (${a.id}, ${ans.key}, ${linked ? null : (ans.value ?? null)}, ${ans.passed ?? null}, ${ans.evidence ?? ''})
            on conflict (assessment_id, item_key) do update set
              value = case when five_star_answers.computed then five_star_answers.value else excluded.value end,
              passed = excluded.passed, evidence = excluded.evidence, review = null, review_reason = null`,
      );
    }
    await tx.execute(sql`update five_star_assessments set version = version + 1 where id = ${a.id}`);
  });
}
