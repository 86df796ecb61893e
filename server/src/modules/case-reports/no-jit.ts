import { sql } from 'drizzle-orm';
import type { Db } from '../../infra/db.ts';

/**
 * Runs read queries with PostgreSQL's JIT compiler off. The KPI and cluster aggregates evaluate many
 * expressions over a few thousand rows; the planner overestimates the rows of an OR of ranges, crosses
 * jit_above_cost and spends ~300 ms compiling (measured, docs/kpis.md) to save a few. PGlite has no JIT; the
 * setting is accepted and changes nothing there.
 */
export function withoutJit<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return fn(tx);
  });
}
