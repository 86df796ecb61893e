import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';

/** Who changes the tag list: a district-wide administrator (the tags are shared by the whole archive). */
export interface TagChanger {
  actorId: string;
  scopeCode: string;
  ip: string | null;
}

/** A tag's editable fields. */
export interface TagInput {
  name: string;
  nameEn: string | null;
  sensitive: boolean;
}

/** Adds an archive tag at the end of the list; a name in use is TAG_NAME_TAKEN. Audited. */
export async function createTag(db: Db, by: TagChanger, input: TagInput): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const row = await one<{ id: number }>(
      tx,
      sql`insert into archive_tags (name, name_en, sensitive, sort)
          select ${input.name.trim()}, ${input.nameEn?.trim() || null}, ${input.sensitive},
            coalesce(max(sort), 0) + 10 from archive_tags
          on conflict (name) do nothing returning id`,
    );
    if (!row) throw new AppError('TAG_NAME_TAKEN', 409);
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'archive_tag.create',
      entity: 'archive_tag',
      entityId: row.id,
      scopeCode: by.scopeCode,
      after: input,
      ip: by.ip,
    });
    return row;
  });
}
