import { DIRECTORY_KINDS } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';

/** Adds a kind of entry to a district's directory (e.g. 养老, 维修); 409 when the key is taken. */
export async function addKind(
  db: Db,
  districtCode: string,
  kind: { key: string; zh: string; en: string },
): Promise<void> {
  if (DIRECTORY_KINDS.some((k) => k.key === kind.key)) throw new AppError('CONFLICT', 409);
  const done = await db.execute(
    sql`insert into directory_kinds (district_code, key, name_zh, name_en)
        values (${districtCode}, ${kind.key}, ${kind.zh.trim()}, ${kind.en.trim()})
        on conflict do nothing returning key`,
  );
  if (!done.rows.length) throw new AppError('CONFLICT', 409);
}
