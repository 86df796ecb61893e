import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.ts';
import { rows } from './db.ts';

describe('several statements started at once inside a transaction', () => {
  it('run one after another on its connection, in order, with no driver warning', async () => {
    const { db } = await testDatabase();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const got = await db.transaction(async (tx) => {
        await tx.execute(sql`create temporary table tx_order (n int) on commit drop`);
        // started together, as code that gathers a page's figures with Promise.all does
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => tx.execute(sql`insert into tx_order values (${i})`)),
        );
        const [all, count] = await Promise.all([
          rows<{ n: number }>(tx, sql`select n from tx_order order by n`),
          rows<{ c: number }>(tx, sql`select count(*)::int as c from tx_order`),
        ]);
        return { all: all.map((r) => r.n), count: count[0]!.c };
      });
      expect(got.count).toBe(20);
      expect(got.all).toEqual(Array.from({ length: 20 }, (_, i) => i));
      // a warning is emitted on the next tick
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.includes('already executing a query'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('a failing statement among them rolls the whole transaction back', async () => {
    const { db } = await testDatabase();
    await db.execute(sql`create table if not exists tx_rollback (n int primary key)`);
    await db.execute(sql`delete from tx_rollback`);
    await expect(
      db.transaction(async (tx) => {
        await Promise.all([
          tx.execute(sql`insert into tx_rollback values (1)`),
          tx.execute(sql`insert into tx_rollback values (1)`),
        ]);
      }),
    ).rejects.toThrow();
    expect(await rows(db, sql`select n from tx_rollback`)).toEqual([]);
  });
});
