import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { PersonalDataCipher } from './cipher.ts';
import { indexAssignments, indexValues, SEALED_COLUMNS, type SealedColumn } from './sealed-columns.ts';

/** What one rotation pass did to one column. */
export interface RotationCount {
  column: string;
  resealed: number;
}

/**
 * Re-seals every personal value not yet under the current key and suite (after SECRET_KEY changed, with the
 * old one in SECRET_KEY_PREVIOUS, or after PERSONAL_DATA_CIPHER changed), and recomputes the blind index
 * beside it. One pass walks each table once by id in batches, each batch its own transaction; a row is
 * rewritten only if its value is still the one read (`where col = old`), so it is safe next to a running
 * server and a second run finds nothing to do. Values written meanwhile are already under the new key.
 */
export async function rotatePersonalData(
  db: Db,
  cipher: PersonalDataCipher,
  opts: { batch?: number; onBatch?: (column: string, resealed: number) => void } = {},
): Promise<RotationCount[]> {
  const out: RotationCount[] = [];
  for (const col of SEALED_COLUMNS) {
    let resealed = 0;
    let after = 0;
    for (;;) {
      const { last, count, scanned } = await rotateBatch(db, cipher, col, after, opts.batch ?? 500);
      resealed += count;
      if (count) opts.onBatch?.(`${col.table}.${col.column}`, resealed);
      if (scanned === 0) break;
      after = last;
    }
    out.push({ column: `${col.table}.${col.column}`, resealed });
  }
  return out;
}

async function rotateBatch(
  db: Db,
  cipher: PersonalDataCipher,
  col: SealedColumn,
  after: number,
  batch: number,
) {
  const table = sql.identifier(col.table);
  const column = sql.identifier(col.column);
  const found = await rows<{ id: number; value: string }>(
    db,
    sql`select id, ${column} as value from ${table}
        where id > ${after} and ${column} is not null and ${column} not like ${`${cipher.currentPrefix}%`}
        order by id limit ${batch}`,
  );
  if (!found.length) return { last: after, count: 0, scanned: 0 };
  const resealed = found.map((r) => {
    let plain: string;
    try {
      plain = cipher.decrypt(r.value);
    } catch (err) {
      throw new Error(`${col.table}.${col.column} of id ${r.id}: ${(err as Error).message}`);
    }
    return {
      id: r.id,
      old: r.value,
      enc: cipher.encrypt(plain),
      ...indexValues(cipher, col, plain),
    };
  });
  const updated = await rows<{ id: number }>(
    db,
    sql`update ${table} t set ${sql.join([sql`${column} = x.enc`, ...indexAssignments(col)], sql`, `)}
        from jsonb_to_recordset(${JSON.stringify(resealed)}::jsonb)
          as x(id int, old text, enc text, bidx text, p1 text, p2 text)
        where t.id = x.id and t.${column} = x.old
        returning t.id`,
  );
  return { last: found[found.length - 1]!.id, count: updated.length, scanned: found.length };
}
