import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { loadGrants } from '../auth/actor.ts';
import { planInspection } from '../inspections/commands/plan-inspection.ts';
import { savePoint } from '../inspections/commands/save-point.ts';
import { submitInspection } from '../inspections/commands/submit-inspection.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { DEMO_DISTRICT } from './names.ts';

/** Demo inspection points: name, point type, responsible unit (demo unit code), street (1–8). */
const POINTS: [string, string, string, number][] = [
  ['富民农贸市场', '集贸市场', 'SJ', 1],
  ['七一路（中州大道至八一路段）', '主次干道', 'CG', 1],
  ['富民小区', '小区', 'WY-JY', 1],
  ['七一路小学校门口', '中小学校', 'CG', 1],
  ['七一路公厕', '公共厕所', 'HW', 1],
  ['人民广场', '公共广场', 'CG', 2],
  ['周口汽车站', '火车站汽车站', 'JJ', 3],
  ['文昌大道建设工地', '建筑工地', 'ZJ', 4],
  ['沙颍河川汇段', '河道水域', 'SW', 5],
  ['荷花路公交站', '公交站点', 'JJ', 6],
  ['城南菜市场', '集贸市场', 'SJ', 7],
  ['搬口社区服务中心', '社区服务中心', 'MZ', 8],
];

const DAYS = 14;

/** A stable pseudo-random number in [0, 1) for a key, so the demo is the same on every install. */
function chance(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

async function actorOf(db: Db, username: string): Promise<Actor> {
  const u = await one<{ id: string; displayName: string }>(
    db,
    sql`select id, display_name as "displayName" from users where username = ${username}`,
  );
  return {
    userId: u!.id,
    username,
    displayName: u!.displayName,
    locale: 'zh-CN',
    sessionId: '00000000-0000-0000-0000-000000000000',
    sessionKind: 'cookie',
    grants: await loadGrants(db, u!.id),
  };
}

/** Answers every item of an inspection (about one in twelve failing) straight into its stops. */
async function answerAll(db: Db, inspectionId: number, by: Actor, at: string): Promise<void> {
  const items = await rows<{ stopId: number; itemId: number; key: string }>(
    db,
    sql`select s.id as "stopId", i.id as "itemId", ${inspectionId}::text || '-' || s.point_id || '-' || i.sort as key
        from inspection_stops s join checklist_items i on i.version_id = s.checklist_version_id
        where s.inspection_id = ${inspectionId}`,
  );
  const answers = items.map((i) => ({ ...i, result: chance(i.key) < 0.08 ? 'fail' : 'pass' }));
  await db.execute(
    sql`insert into inspection_answers (stop_id, item_id, result, answered_by, answered_at, note)
        select (x->>'stopId')::int, (x->>'itemId')::int, x->>'result', ${by.userId}, ${at}::timestamptz,
          case when x->>'result' = 'fail' then '现场检查发现' end
        from jsonb_array_elements(${JSON.stringify(answers)}::jsonb) x`,
  );
  await db.execute(
    sql`update inspection_stops set visited_at = ${at}::timestamptz where inspection_id = ${inspectionId}`,
  );
}

/**
 * Two weeks of supervision in the demo district: inspection points with their units, a 晨查 every morning,
 * a 督查 every third day, a 暗访 and a 模拟测评, each submitted through the real command (so failures opened
 * cases through the common intake and filled the rectification list), dated back to their day; plus today's
 * 晨查 and tomorrow's 暗访 still planned (the 暗访 is invisible to the streets until it is submitted).
 */
export async function seedDemoInspections(db: Db, cipher: PersonalDataCipher): Promise<void> {
  const district = (await one<{ id: number; code: string }>(
    db,
    sql`select id, code from org_nodes where code = ${DEMO_DISTRICT.code}`,
  ))!;
  const leader = await actorOf(db, 'leader');
  const inspector = await actorOf(db, 'inspector');
  const pointIds: number[] = [];
  for (const [i, [name, type, unitCode, street]] of POINTS.entries()) {
    const place = await one<{ lng: number; lat: number; typeId: number; unitId: number }>(
      db,
      sql`select st_x(st_pointonsurface(g.geom)) as lng, st_y(st_pointonsurface(g.geom)) as lat,
            (select id from inspection_point_types where name_zh = ${type}) as "typeId",
            (select id from units where code = ${unitCode}) as "unitId"
          from org_nodes g where g.level = 'grid' and g.code like ${`${district.code}00${street}%`}
          order by g.code offset ${i % 3} limit 1`,
    );
    if (!place) continue;
    const saved = await savePoint(db, {
      district,
      input: {
        name,
        pointTypeId: place.typeId,
        location: place,
        leaderId: leader.userId,
        unitId: place.unitId,
      },
      by: { actorId: null, ip: 'demo-seed', isDemo: true },
    });
    pointIds.push(saved.id);
  }
  const dayOf = (offset: number) =>
    new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  const run = async (
    by: Actor,
    kind: 'morning_inspection' | 'undercover' | 'supervision' | 'mock_evaluation',
    offset: number,
    route: number[],
    title: string,
    time: string,
  ) => {
    const day = dayOf(offset);
    const planned = await planInspection(db, by, {
      kind,
      title: `${day.slice(5)} ${title}`,
      plannedOn: day,
      plannedTime: time,
      pointIds: route,
    });
    if (offset >= 0) return;
    const at = `${day}T${time}:00+08:00`;
    await answerAll(db, planned.id, by, at);
    await submitInspection(db, by, planned.id, cipher);
    // dated back to the day it was walked (the cases it opened keep today's report time)
    await db.execute(
      sql`update inspections set started_at = ${at}::timestamptz, submitted_at = ${at}::timestamptz + interval '1 hour', is_demo = true
          where id = ${planned.id}`,
    );
    await db.execute(
      sql`update rectifications set created_at = ${at}::timestamptz + interval '1 hour', is_demo = true,
            deadline_on = ${day}::date + 3
          where inspection_id = ${planned.id}`,
    );
  };
  const pick = (offset: number, n: number) =>
    Array.from({ length: n }, (_, k) => pointIds[(offset * 5 + k * 3 + 1000) % pointIds.length]!).filter(
      (v, k, a) => a.indexOf(v) === k,
    );
  for (let offset = -DAYS; offset < 0; offset++) {
    await run(leader, 'morning_inspection', offset, pick(offset, 4), '晨查', '06:00');
    if (offset % 3 === 0)
      await run(inspector, 'supervision', offset, pick(offset + 1, 3), '创文督查', '09:30');
  }
  await run(inspector, 'undercover', -7, pick(2, 3), '暗访', '20:00');
  await run(inspector, 'mock_evaluation', -10, pointIds.slice(0, 8), '模拟测评', '08:30');
  await run(leader, 'morning_inspection', 0, pointIds.slice(0, 4), '晨查', '06:00');
  await run(inspector, 'undercover', 1, pick(5, 3), '暗访', '20:00');
}
