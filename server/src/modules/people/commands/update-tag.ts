import { SENSITIVE_TAGS } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { TagRow } from '../queries.ts';
import type { TagChanger, TagInput } from './create-tag.ts';

/** What an edit may change; missing fields stay. */
export interface TagEdit extends Partial<TagInput> {
  retired?: boolean;
}

/**
 * Renames a tag (zh/en), marks it sensitive or not, retires or restores it. Derived tags (80岁以上, 流动人口)
 * are computed and not editable; seeded tags keep their Chinese name (the care watch, the demo and the
 * template find them by it) and are never retired; the four vulnerable groups stay sensitive (TAG_LOCKED).
 * A retired tag stays on the persons who carry it. Audited with the tag before and after.
 */
export async function updateTag(db: Db, by: TagChanger, tag: TagRow, edit: TagEdit): Promise<void> {
  const renamed = edit.name !== undefined && edit.name.trim() !== tag.name;
  const locked =
    tag.derived !== null ||
    (tag.seeded && (renamed || edit.retired === true)) ||
    ((SENSITIVE_TAGS as readonly string[]).includes(tag.name) && edit.sensitive === false);
  if (locked) throw new AppError('TAG_LOCKED', 409);
  const after = {
    name: edit.name?.trim() ?? tag.name,
    nameEn: edit.nameEn === undefined ? tag.nameEn : edit.nameEn?.trim() || null,
    sensitive: edit.sensitive ?? tag.sensitive,
    retired: edit.retired ?? tag.retired,
  };
  await db.transaction(async (tx) => {
    const clash = renamed
      ? await one(tx, sql`select 1 from archive_tags where name = ${after.name} and id <> ${tag.id}`)
      : null;
    if (clash) throw new AppError('TAG_NAME_TAKEN', 409);
    await tx.execute(sql`
      update archive_tags set name = ${after.name}, name_en = ${after.nameEn}, sensitive = ${after.sensitive},
        retired_at = case when ${after.retired}::boolean then coalesce(retired_at, now()) end, updated_at = now()
      where id = ${tag.id}`);
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'archive_tag.update',
      entity: 'archive_tag',
      entityId: tag.id,
      scopeCode: by.scopeCode,
      before: { name: tag.name, nameEn: tag.nameEn, sensitive: tag.sensitive, retired: tag.retired },
      after,
      ip: by.ip,
    });
  });
}
