import { type Gender, makeIdNumber } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Database, type Db, rows } from '../../infra/db.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { blindIndexOf } from '../personal-data/fields.ts';
import { indexAssignments, indexValues, SEALED_COLUMNS } from '../personal-data/sealed-columns.ts';

/** Advisory lock key of the step, so several processes starting together complete each row once. */
const COMPLETE_LOCK = 4_116_040;
const BATCH = 2_000;
const NAME = SEALED_COLUMNS.find((c) => c.table === 'persons' && c.column === 'name_enc')!;

/**
 * What migration 0040 could not do in SQL, done at start-up before the server listens (docs/people.md):
 * name-prefix and phone indexes of persons sealed before they existed, and a valid GB 11643 number for each
 * demo person without one (region of the grid's district, the birth date and gender, a sequence counted per
 * date and gender). Batched and idempotent: a second start finds nothing to do.
 */
export async function completeResidents(database: Database, cipher: PersonalDataCipher): Promise<number> {
  return database.withLock(COMPLETE_LOCK, async ({ db }) => {
    let n = 0;
    for (;;) {
      const done = (await indexBatch(db, cipher)) + (await identityBatch(db, cipher));
      n += done;
      if (done === 0) return n;
    }
  });
}

async function indexBatch(db: Db, cipher: PersonalDataCipher): Promise<number> {
  const found = await rows<{ id: number; name: string | null; phone: string | null }>(
    db,
    sql`select id, name_enc as name, phone_enc as phone from persons
        where (name_enc is not null and name1_bidx is null) or (phone_enc is not null and phone_bidx is null)
        order by id limit ${BATCH}`,
  );
  if (!found.length) return 0;
  const values = found.map((r) => ({
    id: r.id,
    ...(r.name ? indexValues(cipher, NAME, cipher.decrypt(r.name)) : { bidx: null, p1: null, p2: null }),
    phone: r.phone ? blindIndexOf(cipher, 'phone', cipher.decrypt(r.phone)) : null,
  }));
  await db.execute(
    sql`update persons t set ${sql.join(indexAssignments(NAME), sql`, `)}, phone_bidx = x.phone
        from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
          as x(id int, bidx text, p1 text, p2 text, phone text)
        where t.id = x.id`,
  );
  return found.length;
}

async function identityBatch(db: Db, cipher: PersonalDataCipher): Promise<number> {
  // Every start comes here, and after the first nothing is missing: a plain scan that stops at the first
  // candidate spares the numbering below (a window over every demo person, sorted) on each boot.
  const missing = await rows(
    db,
    sql`select 1 from persons where is_demo and id_number_enc is null
          and birth_date is not null and gender is not null limit 1`,
  );
  if (!missing.length) return 0;
  const found = await rows<{ id: number; birth: string; gender: Gender; region: string; n: number }>(
    db,
    // numbered among all demo persons of the region, date and gender in id order, as the seed numbers them
    sql`select id, birth, gender, region, n from (
          select p.id, p.birth_date as birth, p.gender, left(g.code, 6) as region, p.id_number_enc,
            (row_number() over (partition by left(g.code, 6), p.birth_date, p.gender order by p.id))::int - 1 as n
          from persons p join org_nodes g on g.id = p.grid_id
          where p.is_demo and p.birth_date is not null and p.gender is not null) x
        where id_number_enc is null order by id limit ${BATCH}`,
  );
  if (!found.length) return 0;
  const values = found.map((r) => {
    const id = makeIdNumber(r.region, r.birth, r.gender, r.n);
    return { id: r.id, enc: cipher.encrypt(id), hash: blindIndexOf(cipher, 'idNumber', id) };
  });
  await db.execute(
    sql`update persons t set id_type = 'id_card', id_number_enc = x.enc, id_number_hash = x.hash
        from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as x(id int, enc text, hash text)
        where t.id = x.id`,
  );
  return found.length;
}
