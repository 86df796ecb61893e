import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopesFor } from '../auth/policy.ts';

export interface Unit {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  type: string;
  phone: string | null;
  districtCode: string;
  categories: string[];
  streetIds: number[];
}

const SELECT = sql`select u.id, u.code, u.name, u.name_en as "nameEn", u.type, u.phone, d.code as "districtCode",
    coalesce((select array_agg(category_code order by category_code) from unit_categories c where c.unit_id = u.id), '{}') as categories,
    coalesce((select array_agg(street_id order by street_id) from unit_streets s where s.unit_id = u.id), '{}') as "streetIds"
  from units u join org_nodes d on d.id = u.district_id`;

/** Districts (6-digit codes) whose units the caller may see: the districts their scopes lie in. */
function districtsOf(actor: Actor): string[] {
  return [...new Set(scopesFor(actor, 'unit.read').map((s) => s.slice(0, 6)))];
}

/** The units of the caller's district(s), optionally those owning a category. */
export async function listUnits(db: Db, actor: Actor, opts: { category?: string }): Promise<Unit[]> {
  const districts = districtsOf(actor);
  if (districts.length === 0) return [];
  return rows<Unit>(
    db,
    sql`${SELECT} where d.code in (${sql.join(districts, sql`, `)})
      ${
        opts.category
          ? sql`and exists (select 1 from unit_categories c where c.unit_id = u.id
        and (c.category_code = ${opts.category} or c.category_code = ${opts.category.slice(0, 2)}))`
          : sql``
      }
      order by u.code`,
  );
}

/** One unit by id, or null. */
export function findUnit(db: Db, id: number): Promise<Unit | null> {
  return one<Unit>(db, sql`${SELECT} where u.id = ${id}`);
}
