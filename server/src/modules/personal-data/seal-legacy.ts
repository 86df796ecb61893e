import { sql } from 'drizzle-orm';
import { type Database, type Db, rows } from '../../infra/db.ts';
import type { PersonalDataCipher } from './cipher.ts';
import { indexAssignments, indexValues, LEGACY_COLUMNS, type LegacyColumn } from './sealed-columns.ts';

/** Advisory lock key of the step, so several processes starting together seal each row once. */
const SEAL_LEGACY_LOCK = 4_116_021;

/** Rows sealed per transaction: big enough to be quick, small enough to hold row locks briefly. */
const BATCH = 2_000;

/**
 * Moves personal data written before encryption (the `legacy_*` columns of migration 0014) into sealed
 * columns and clears the plaintext, at start-up, before the server listens. Idempotent: only rows whose
 * plaintext is still there are touched, and each batch seals and clears in one UPDATE, so a crash between
 * batches loses nothing and the next start carries on. Under an advisory lock, so a second process waits
 * and then finds nothing left. Nothing writes the legacy columns any more, so the step finishes for good.
 */
export async function sealLegacyPlaintext(
  database: Database,
  cipher: PersonalDataCipher,
  batch = BATCH,
): Promise<Record<string, number>> {
  return database.withLock(SEAL_LEGACY_LOCK, async ({ db }) => {
    const sealed: Record<string, number> = {};
    for (const col of LEGACY_COLUMNS) {
      let n = 0;
      for (;;) {
        const done = await sealBatch(db, cipher, col, batch);
        n += done;
        if (done < batch) break;
      }
      if (n) sealed[`${col.table}.${col.legacy}`] = n;
    }
    return sealed;
  });
}

async function sealBatch(db: Db, cipher: PersonalDataCipher, col: LegacyColumn, batch: number) {
  const table = sql.identifier(col.table);
  const legacy = sql.identifier(col.legacy);
  return db.transaction(async (tx) => {
    // the partial index of migration 0014 finds the rows still in clear without a scan
    const found = await rows<{ id: number; value: string }>(
      tx,
      sql`select id, ${legacy} as value from ${table} where ${legacy} is not null order by id limit ${batch}
          for update`,
    );
    if (!found.length) return 0;
    const sealed = found.map((r) => ({
      id: r.id,
      enc: cipher.encrypt(r.value),
      ...indexValues(cipher, col, r.value),
    }));
    const sets = [
      sql`${sql.identifier(col.column)} = x.enc`,
      ...indexAssignments(col),
      sql`${legacy} = null`,
    ];
    await tx.execute(
      sql`update ${table} t set ${sql.join(sets, sql`, `)}
          from jsonb_to_recordset(${JSON.stringify(sealed)}::jsonb) as x(id int, enc text, bidx text, p1 text, p2 text)
          where t.id = x.id`,
    );
    return found.length;
  });
}
