import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import type { EntryRow } from '../queries.ts';

/** Removes an entry from the directory (a closed shop), audited with its name. */
export async function deleteEntry(db: Db, actor: Actor, e: EntryRow, ip: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from directory_entries where id = ${e.id}`);
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'directory.delete',
      entity: 'directory_entry',
      entityId: e.id,
      scopeCode: e.orgCode,
      before: { kind: e.kind, name: e.name },
      ip,
    });
  });
}
