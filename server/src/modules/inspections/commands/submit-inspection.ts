import {
  type AnswerResult,
  type ChecklistAnswerType,
  INSPECTION_KIND_LABELS,
  type InspectionKind,
  weightedScore,
} from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { PersonalDataCipher } from '../../../infra/crypto.ts';
import { type Db, one, rows } from '../../../infra/db.ts';
import { AppError, forbidden } from '../../../infra/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { reportCase } from '../../cases/commands/report-case.ts';
import { findDuplicates } from '../../cases/duplicates.ts';
import { internalSourceScopes } from '../../cases/internal-sources.ts';
import type { PhotoMime, StoredPhoto } from '../../photos/store-photo.ts';
import { readSupervisionSettings } from '../../supervision-settings/queries.ts';
import { loadVisibleInspection, mayRun } from '../inspection-access.ts';

/** One answer with what scoring it and opening its case need. */
interface AnswerRow {
  answerId: number;
  stopId: number;
  pointId: number;
  pointName: string;
  address: string | null;
  lng: number;
  lat: number;
  orgCode: string;
  leaderId: string | null;
  unitId: number | null;
  itemId: number;
  itemText: string;
  categoryCode: string;
  radiusM: number;
  weight: number;
  answerType: ChecklistAnswerType;
  maxScore: number;
  result: AnswerResult;
  score: number | null;
  note: string | null;
  photos: { id: string; mime: PhotoMime; bytes: number; width: number; height: number }[];
}

export interface SubmitResult {
  id: number;
  score: number | null;
  itemsPassed: number;
  itemsFailed: number;
  /** rows put on the rectification list: opened a case, or linked to an open one nearby */
  opened: number;
  linked: number;
}

const loadAnswers = (db: Db, inspectionId: number) =>
  rows<AnswerRow>(
    db,
    sql`select a.id as "answerId", s.id as "stopId", p.id as "pointId", p.name as "pointName", p.address,
          st_x(p.location) as lng, st_y(p.location) as lat, p.org_code as "orgCode", p.leader_id as "leaderId",
          p.unit_id as "unitId", i.id as "itemId", i.text_zh as "itemText", i.category_code as "categoryCode",
          c.duplicate_radius_m as "radiusM", i.weight::float8 as weight, i.answer_type as "answerType",
          i.max_score::float8 as "maxScore", a.result, a.score::float8 as score, a.note,
          coalesce((select json_agg(json_build_object('id', ph.id, 'mime', ph.mime, 'bytes', ph.bytes,
            'width', ph.width, 'height', ph.height) order by ph.created_at) from inspection_photos ph
            where ph.answer_id = a.id), '[]') as photos
        from inspection_answers a join inspection_stops s on s.id = a.stop_id
          join inspection_points p on p.id = s.point_id join checklist_items i on i.id = a.item_id
          join categories c on c.code = i.category_code
        where s.inspection_id = ${inspectionId} order by s.seq, i.sort`,
  );

/**
 * Submits an inspection: scores every stop and the whole (weightedScore), and puts each failed item on the
 * rectification list with its case — an open case of the item's category within the category's duplicate
 * radius of the point if there is one, otherwise a new case opened through the common intake (source = the
 * inspection kind, the item's category, the point's location, the answer's photos). Cases are opened only
 * now, so that a 暗访's places learn of it when it is over. Safe to repeat: each case is opened under an
 * idempotency key of its answer and each row is unique per answer, so a retry opens nothing twice.
 */
export async function submitInspection(
  db: Db,
  actor: Actor,
  inspectionId: number,
  cipher: PersonalDataCipher,
): Promise<SubmitResult> {
  const head = await loadVisibleInspection(db, actor, inspectionId);
  if (!mayRun(actor, head)) throw forbidden();
  if (head.state === 'cancelled') throw new AppError('INSPECTION_CLOSED', 409);
  const info = await one<{ title: string; kind: InspectionKind; today: string }>(
    db,
    sql`select title, kind, to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as today
        from inspections where id = ${inspectionId}`,
  );
  const answers = await loadAnswers(db, inspectionId);
  if (answers.length === 0) throw new AppError('INSPECTION_EMPTY', 400);
  const label = INSPECTION_KIND_LABELS[info!.kind].zh;
  const cases = new Map<number, { caseId: number; linked: boolean }>();
  for (const a of answers.filter((x) => x.result === 'fail')) {
    // a repeated submission finds the rows of the first
    const known = await one<{ caseId: number; linked: boolean }>(
      db,
      sql`select case_id as "caseId", linked_existing as linked from rectifications where answer_id = ${a.answerId}`,
    );
    if (known) {
      cases.set(a.answerId, known);
      continue;
    }
    const [near] = await findDuplicates(db, {
      categoryCode: a.categoryCode,
      lng: a.lng,
      lat: a.lat,
      radiusM: a.radiusM,
      internalScopes: internalSourceScopes(actor),
    });
    if (near) {
      cases.set(a.answerId, { caseId: near.id, linked: true });
      continue;
    }
    const note = a.note ? `（${a.note}）` : '';
    const opened = await reportCase(
      db,
      actor,
      {
        source: info!.kind,
        categoryCode: a.categoryCode,
        description: `【${label}】${info!.title}·${a.pointName}：${a.itemText}，不合格${note}`,
        location: { lng: a.lng, lat: a.lat },
        address: a.address ?? a.pointName,
        idempotencyKey: `inspection-answer-${a.answerId}`,
        idempotencyScope: 'inspections',
      },
      a.photos as StoredPhoto[],
      cipher,
    );
    cases.set(a.answerId, { caseId: opened.id, linked: false });
  }
  const byStop = new Map<number, AnswerRow[]>();
  for (const a of answers) byStop.set(a.stopId, [...(byStop.get(a.stopId) ?? []), a]);
  const count = (list: AnswerRow[], r: AnswerResult) => list.filter((a) => a.result === r).length;
  const rowsJson = JSON.stringify(
    answers
      .filter((a) => a.result === 'fail')
      .map((a) => ({
        answer: a.answerId,
        point: a.pointId,
        item: a.itemId,
        org: a.orgCode,
        text: `${a.pointName}：${a.itemText}${a.note ? `（${a.note}）` : ''}`,
        cat: a.categoryCode,
        leader: a.leaderId,
        unit: a.unitId,
        case: cases.get(a.answerId)!.caseId,
        linked: cases.get(a.answerId)!.linked,
      })),
  );
  const stopsJson = JSON.stringify(
    [...byStop].map(([id, list]) => ({
      id,
      passed: count(list, 'pass'),
      failed: count(list, 'fail'),
      score: weightedScore(list),
    })),
  );
  const score = weightedScore(answers);
  // the deadline in force at submission; later changes leave existing rows as they are
  const { rectificationDays } = await readSupervisionSettings(db);
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into rectifications (district_id, inspection_id, answer_id, point_id, item_id, org_code, origin,
            description, category_code, leader_id, unit_id, deadline_on, case_id, linked_existing, created_by)
          select ${head.districtId}, ${inspectionId}, (x->>'answer')::int, (x->>'point')::int, (x->>'item')::int,
            x->>'org', ${info!.kind}, left(x->>'text', 1000), x->>'cat', (x->>'leader')::uuid, (x->>'unit')::int,
            ${info!.today}::date + ${rectificationDays}::int, (x->>'case')::int, (x->>'linked')::boolean,
            ${actor.userId}
          from jsonb_array_elements(${rowsJson}::jsonb) x
          on conflict (answer_id) do nothing`,
    );
    await tx.execute(
      sql`update inspection_stops s set items_passed = (x->>'passed')::int, items_failed = (x->>'failed')::int,
            score = (x->>'score')::numeric
          from jsonb_array_elements(${stopsJson}::jsonb) x where s.id = (x->>'id')::int`,
    );
    await tx.execute(
      sql`update inspections set state = 'submitted', submitted_at = coalesce(submitted_at, now()),
            started_at = coalesce(started_at, now()), points_visited = ${byStop.size},
            items_answered = ${answers.filter((a) => a.result !== 'na').length},
            items_passed = ${count(answers, 'pass')}, items_failed = ${count(answers, 'fail')},
            score = ${score}, updated_at = now()
          where id = ${inspectionId}`,
    );
  });
  const failed = answers.filter((a) => a.result === 'fail');
  return {
    id: inspectionId,
    score,
    itemsPassed: count(answers, 'pass'),
    itemsFailed: failed.length,
    opened: failed.filter((a) => !cases.get(a.answerId)!.linked).length,
    linked: failed.filter((a) => cases.get(a.answerId)!.linked).length,
  };
}
