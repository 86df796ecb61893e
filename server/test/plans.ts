import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../src/infra/db.ts';

/** Planner methods a plan test can switch off (`enable_<method> = off`) to ask which index answers a query. */
export type PlanMethod = 'seqscan' | 'bitmapscan' | 'sort' | 'incremental_sort';

/**
 * The plan PostgreSQL chooses for a query (EXPLAIN, not run) with some methods switched off for this
 * transaction only, as one text: the tests that prove an index answers a query read the index's name in it.
 */
export async function planOf(db: Db, query: SQL, off: readonly PlanMethod[] = ['seqscan']): Promise<string> {
  const lines = await db.transaction(async (tx) => {
    for (const method of off) await tx.execute(sql.raw(`set local enable_${method} = off`));
    return rows<{ 'QUERY PLAN': string }>(tx, sql`explain ${query}`);
  });
  return lines.map((p) => p['QUERY PLAN']).join('\n');
}
