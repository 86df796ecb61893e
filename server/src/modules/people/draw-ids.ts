import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';

/**
 * Draws n ids from a table's identity sequence, so rows of the next table can point at them before the
 * batch insert (which then writes them with `overriding system value`).
 */
export async function drawIds(db: Db, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const found = await rows<{ id: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${n})`,
  );
  return found.map((r) => r.id);
}
