import type { AnswerResult, InspectionSummary as Summary } from '@civicgrid/shared';

/** An inspection as the calendar lists it. */
export type InspectionSummary = Summary<Date>;

import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition } from '../auth/policy.ts';
import { type ChecklistItem, itemsOfVersions } from './checklist-queries.ts';
import { districtScopes, inspectionVisibleSql, loadVisibleInspection, mayRun } from './inspection-access.ts';

const SUMMARY = sql`i.id, i.kind, i.title, to_char(i.planned_on, 'YYYY-MM-DD') as "plannedOn",
  to_char(i.planned_time, 'HH24:MI') as "plannedTime", i.state, lu.display_name as "leaderName",
  (select count(*)::int from inspection_stops s where s.inspection_id = i.id) as stops,
  i.items_passed as "itemsPassed", i.items_failed as "itemsFailed", i.score::float8 as score,
  i.submitted_at as "submittedAt"`;

/** The inspections the actor sees planned between two days (inclusive), by day and time. */
export function listInspections(
  db: Db,
  actor: Actor,
  q: { from: string; to: string; mine?: boolean },
): Promise<InspectionSummary[]> {
  const mine = q.mine
    ? sql`and (i.leader_id = ${actor.userId} or exists (select 1 from inspection_team m
        where m.inspection_id = i.id and m.user_id = ${actor.userId}))`
    : sql``;
  return rows<InspectionSummary>(
    db,
    sql`select ${SUMMARY} from inspections i join users lu on lu.id = i.leader_id
        where i.planned_on between ${q.from}::date and ${q.to}::date and i.state <> 'cancelled'
          and ${inspectionVisibleSql(actor)} ${mine}
        order by i.planned_on, i.planned_time nulls last, i.id limit 1000`,
  );
}

/** An answer as recorded, with its photo ids. */
export interface AnswerView {
  itemId: number;
  result: AnswerResult;
  score: number | null;
  note: string | null;
  photos: string[];
  answeredAt: Date;
}

/** A stop of the route with its point, checklist and answers. */
export interface StopView {
  id: number;
  seq: number;
  point: { id: number; name: string; typeNameZh: string; typeNameEn: string; address: string | null };
  lng: number;
  lat: number;
  checklistVersion: number;
  visitedAt: Date | null;
  score: number | null;
  items: ChecklistItem[];
  answers: AnswerView[];
}

/** An inspection with its route, what the actor may do, and (once submitted) its rectification rows' count. */
export interface InspectionView extends InspectionSummary {
  team: string[];
  mayRun: boolean;
  route: StopView[];
}

/** The whole inspection for the phone and the console; 404 unless the actor sees it. */
export async function inspectionView(db: Db, actor: Actor, id: number): Promise<InspectionView> {
  const head = await loadVisibleInspection(db, actor, id);
  const summary = await one<InspectionSummary & { team: string[] }>(
    db,
    sql`select ${SUMMARY}, coalesce((select array_agg(u.display_name order by u.display_name)
          from inspection_team m join users u on u.id = m.user_id where m.inspection_id = i.id), '{}') as team
        from inspections i join users lu on lu.id = i.leader_id where i.id = ${id}`,
  );
  const stops = await rows<Omit<StopView, 'items' | 'answers'> & { versionId: number }>(
    db,
    sql`select s.id, s.seq, json_build_object('id', p.id, 'name', p.name, 'typeNameZh', t.name_zh,
          'typeNameEn', t.name_en, 'address', p.address) as point, st_x(p.location) as lng, st_y(p.location) as lat,
          v.version as "checklistVersion", s.checklist_version_id as "versionId", s.visited_at as "visitedAt",
          s.score::float8 as score
        from inspection_stops s join inspection_points p on p.id = s.point_id
          join inspection_point_types t on t.id = p.point_type_id join checklist_versions v on v.id = s.checklist_version_id
        where s.inspection_id = ${id} order by s.seq`,
  );
  const items = await itemsOfVersions(db, [...new Set(stops.map((s) => s.versionId))]);
  const answers = await rows<AnswerView & { stopId: number }>(
    db,
    sql`select a.stop_id as "stopId", a.item_id as "itemId", a.result, a.score::float8 as score, a.note,
          a.answered_at as "answeredAt",
          coalesce((select array_agg(ph.id::text order by ph.created_at) from inspection_photos ph
            where ph.answer_id = a.id), '{}') as photos
        from inspection_answers a join inspection_stops s on s.id = a.stop_id where s.inspection_id = ${id}`,
  );
  const route = stops.map(({ versionId, ...s }) => ({
    ...s,
    items: items.get(versionId) ?? [],
    answers: answers.filter((a) => a.stopId === s.id).map(({ stopId, ...a }) => a),
  }));
  return { ...summary!, mayRun: mayRun(actor, head), route };
}

/** An inspection point as the console lists it. */
export interface PointView {
  id: number;
  name: string;
  pointTypeId: number;
  typeNameZh: string;
  typeNameEn: string;
  address: string | null;
  lng: number;
  lat: number;
  orgCode: string;
  gridName: string;
  leaderId: string | null;
  leaderName: string | null;
  unitId: number | null;
  unitName: string | null;
  active: boolean;
}

/** The inspection points the actor may see: in areas where they read inspections, or their whole district. */
export function listPoints(db: Db, actor: Actor): Promise<PointView[]> {
  const districts = districtScopes(actor, 'inspection.run');
  const runs = districts.length
    ? sql`or ${sql.join(
        districts.map((d) => sql`p.org_code like ${`${d}%`}`),
        sql` or `,
      )}`
    : sql``;
  return rows<PointView>(
    db,
    sql`select p.id, p.name, p.point_type_id as "pointTypeId", t.name_zh as "typeNameZh", t.name_en as "typeNameEn",
          p.address, st_x(p.location) as lng, st_y(p.location) as lat, p.org_code as "orgCode", g.name as "gridName",
          p.leader_id as "leaderId", lu.display_name as "leaderName", p.unit_id as "unitId", u.name as "unitName",
          p.active
        from inspection_points p join inspection_point_types t on t.id = p.point_type_id
          join org_nodes g on g.id = p.grid_id left join users lu on lu.id = p.leader_id
          left join units u on u.id = p.unit_id
        where (${scopeCondition(actor, 'inspection.read', sql`p.org_code`)}) ${runs}
        order by t.sort, p.name, p.id limit 2000`,
  );
}

/** The district of an inspection point (id and code), or null when there is no such point. */
export function findPointDistrict(db: Db, pointId: number): Promise<{ id: number; code: string } | null> {
  return one<{ id: number; code: string }>(
    db,
    sql`select d.id, d.code from inspection_points p join org_nodes d on d.id = p.district_id where p.id = ${pointId}`,
  );
}
