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

/**
 * The `Index Cond` line under the scan of `index` in a plan from planOf, or null when the plan does not scan it:
 * the tests that prove which conditions an index takes (not only that it is used) read it.
 */
export function indexCondition(plan: string, index: string): string | null {
  const lines = plan.split('\n');
  const at = lines.findIndex((l) => /Index (Only )?Scan using /.test(l) && l.includes(`using ${index} `));
  const next = at < 0 ? undefined : lines[at + 1];
  return next?.includes('Index Cond:') ? next.trim() : null;
}

/** What one index did while a query ran: its scans, and the entries they returned (each then read from the table). */
export interface IndexUse {
  scans: number;
  entries: number;
}

/**
 * What each index did while a query ran (in one transaction, rolled back with it): for what EXPLAIN cannot show,
 * such as the body of a SQL function called in a select list, which is planned when it runs. Sequential scans
 * are off, as in planOf. The counts are differences: PGlite flushes a backend's pending statistics only now and
 * then.
 */
export async function indexUseOf(
  db: Db,
  query: SQL,
  indexes: readonly string[],
): Promise<Record<string, IndexUse>> {
  const counts = (tx: Db) =>
    rows<{ name: string; scans: number; entries: number }>(
      tx,
      sql`select i.name, pg_stat_get_xact_numscans(to_regclass(i.name))::int as scans,
            pg_stat_get_xact_tuples_returned(to_regclass(i.name))::int as entries
          from unnest(string_to_array(${indexes.join(',')}, ',')) as i(name)`,
    );
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const before = new Map((await counts(tx)).map((c) => [c.name, c]));
    await tx.execute(query);
    return Object.fromEntries(
      (await counts(tx)).map((c) => {
        const b = before.get(c.name);
        return [c.name, { scans: c.scans - (b?.scans ?? 0), entries: c.entries - (b?.entries ?? 0) }];
      }),
    );
  });
}
