import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { invalid } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { kindsOf } from '../queries.ts';

export interface EntryInput {
  orgCode: string;
  kind: string;
  name: string;
  address: string;
  lng: number;
  lat: number;
  hours: string;
  phone: string;
  description: string;
}

/**
 * Creates an entry (id null) or replaces one, in a community the route has checked the caller manages; the
 * kind must be built in or one the district added. Audited with what it holds (all public data).
 */
export async function saveEntry(
  db: Db,
  actor: Actor,
  id: number | null,
  input: EntryInput,
  ip: string,
): Promise<number> {
  const kinds = await kindsOf(db, input.orgCode.slice(0, 6));
  if (!kinds.some((k) => k.key === input.kind))
    throw invalid([{ field: '/kind', message: 'not a kind of this district' }]);
  const v = { ...input, name: input.name.trim(), address: input.address.trim(), phone: input.phone.trim() };
  const point = sql`st_setsrid(st_makepoint(${v.lng}, ${v.lat}), 4326)`;
  return db.transaction(async (tx) => {
    const row = await one<{ id: number }>(
      tx,
      id === null
        ? sql`insert into directory_entries (org_code, kind, name, address, location, hours, phone, description, updated_by)
              values (${v.orgCode}, ${v.kind}, ${v.name}, ${v.address}, ${point}, ${v.hours}, ${v.phone}, ${v.description}, ${actor.userId})
              returning id`
        : sql`update directory_entries set org_code = ${v.orgCode}, kind = ${v.kind}, name = ${v.name}, address = ${v.address},
                location = ${point}, hours = ${v.hours}, phone = ${v.phone}, description = ${v.description},
                updated_by = ${actor.userId}, updated_at = now()
              where id = ${id} returning id`,
    );
    await writeAudit(tx, {
      actorId: actor.userId,
      action: id === null ? 'directory.create' : 'directory.update',
      entity: 'directory_entry',
      entityId: row!.id,
      scopeCode: v.orgCode,
      after: { kind: v.kind, name: v.name },
      ip,
    });
    return row!.id;
  });
}
