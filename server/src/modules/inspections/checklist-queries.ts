import type { ChecklistAnswerType } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';

/** A point type with its current checklist version number and item count. */
export interface PointTypeRow {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  currentVersionId: number;
  currentVersion: number;
  itemCount: number;
}

/** One checklist item as the console and the phone show it. */
export interface ChecklistItem {
  id: number;
  sort: number;
  textZh: string;
  textEn: string;
  answerType: ChecklistAnswerType;
  maxScore: number;
  passScore: number | null;
  weight: number;
  photoOnFail: boolean;
  categoryCode: string;
}

/** A checklist version with its items, in order. */
export interface ChecklistVersion {
  id: number;
  pointTypeId: number;
  version: number;
  createdAt: Date;
  items: ChecklistItem[];
}

const CURRENT_VERSION = sql`(select v.id from checklist_versions v where v.point_type_id = t.id
  order by v.version desc limit 1)`;

/** Every point type with its current version, in the 测评体系's order. */
export function listPointTypes(db: Db): Promise<PointTypeRow[]> {
  return rows<PointTypeRow>(
    db,
    sql`select t.id, t.code, t.name_zh as "nameZh", t.name_en as "nameEn", t.active,
          cv.id as "currentVersionId", cv.version as "currentVersion",
          (select count(*)::int from checklist_items i where i.version_id = cv.id) as "itemCount"
        from inspection_point_types t join checklist_versions cv on cv.id = ${CURRENT_VERSION}
        order by t.sort, t.id`,
  );
}

const ITEM_COLUMNS = sql`i.id, i.sort, i.text_zh as "textZh", i.text_en as "textEn", i.answer_type as "answerType",
  i.max_score::float8 as "maxScore", i.pass_score::float8 as "passScore", i.weight::float8 as weight,
  i.photo_on_fail as "photoOnFail", i.category_code as "categoryCode"`;

/** The items of several versions at once, keyed by version id (for a route of many stops). */
export async function itemsOfVersions(db: Db, versionIds: number[]): Promise<Map<number, ChecklistItem[]>> {
  const found = await rows<ChecklistItem & { versionId: number }>(
    db,
    sql`select i.version_id as "versionId", ${ITEM_COLUMNS} from checklist_items i
        where i.version_id = any(${`{${versionIds.join(',')}}`}::int[]) order by i.version_id, i.sort`,
  );
  const out = new Map<number, ChecklistItem[]>(versionIds.map((id) => [id, []]));
  for (const { versionId, ...item } of found) out.get(versionId)?.push(item);
  return out;
}

/** One version of a checklist with its items; the current one when version is omitted. Null when unknown. */
export async function findChecklist(
  db: Db,
  pointTypeId: number,
  version?: number,
): Promise<ChecklistVersion | null> {
  const v = await one<Omit<ChecklistVersion, 'items'>>(
    db,
    sql`select v.id, v.point_type_id as "pointTypeId", v.version, v.created_at as "createdAt"
        from checklist_versions v where v.point_type_id = ${pointTypeId}
          ${version === undefined ? sql`` : sql`and v.version = ${version}`}
        order by v.version desc limit 1`,
  );
  if (!v) return null;
  const items = (await itemsOfVersions(db, [v.id])).get(v.id) ?? [];
  return { ...v, items };
}

/** The current checklist version id of each point type given, keyed by type id. */
export async function currentVersionIds(db: Db, pointTypeIds: number[]): Promise<Map<number, number>> {
  const found = await rows<{ typeId: number; versionId: number }>(
    db,
    sql`select t.id as "typeId", ${CURRENT_VERSION} as "versionId" from inspection_point_types t
        where t.id = any(${`{${pointTypeIds.join(',')}}`}::int[])`,
  );
  return new Map(found.map((r) => [r.typeId, r.versionId]));
}
