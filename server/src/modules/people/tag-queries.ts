import type { ArchiveTagAdminView } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';

/** Every tag with what the administration page shows: seeded, retired, and how many residents carry it. */
export function listTagsForAdmin(db: Db): Promise<ArchiveTagAdminView[]> {
  return rows<ArchiveTagAdminView>(
    db,
    sql`select t.id, t.name, t.name_en as "nameEn", t.sensitive, t.derived, t.seeded,
          t.retired_at is not null as retired,
          case when t.derived is null then (select count(*)::int from person_tags pt where pt.tag_id = t.id) end
            as assigned
        from archive_tags t order by t.retired_at is not null, t.sort, t.id`,
  );
}
