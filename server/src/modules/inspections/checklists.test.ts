import { INSPECTION_POINT_TYPES } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { type Db, rows } from '../../infra/db.ts';
import { findChecklist, listPointTypes } from './checklist-queries.ts';
import { planInspection } from './commands/plan-inspection.ts';
import { saveChecklist } from './commands/save-checklist.ts';
import { inspectionWorld, pointTypeId } from './test-fixtures.ts';

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});

describe('point types and checklists', () => {
  it('seeds the 26 point types of the 测评体系, each with a checklist of several items', async () => {
    // administrators' own types (point-types.test.ts adds some to the shared database) come after the seed's
    const types = (await listPointTypes(db)).slice(0, INSPECTION_POINT_TYPES.length);
    expect(types.map((t) => t.nameZh)).toEqual([...INSPECTION_POINT_TYPES]);
    for (const t of types) expect(t.itemCount).toBeGreaterThanOrEqual(4);
    const market = await findChecklist(db, await pointTypeId(db, '集贸市场'));
    expect(market?.items.map((i) => i.textZh)).toContain('公厕干净无异味');
    // every item files its failures under a sub-category whose report asks no required question
    const unfit = await rows<{ code: string }>(
      db,
      sql`select distinct i.category_code as code from checklist_items i join categories c on c.code = i.category_code
          where c.parent_code is null or exists (select 1 from jsonb_array_elements(c.questions) q
            where (q->>'required')::boolean)`,
    );
    expect(unfit).toEqual([]);
  });

  it('saves an edit as a new version while an inspection planned before keeps the items it was planned with', async () => {
    const w = await inspectionWorld(db);
    const typeId = await pointTypeId(db, '公共广场');
    const before = (await findChecklist(db, typeId))!;
    const old = await planInspection(db, w.leader.actor, {
      kind: 'supervision',
      title: '广场督查',
      plannedOn: '2026-11-30',
      pointIds: [w.square.id],
    });
    const items = before.items.map(({ id, sort, ...it }) => it);
    const edited = await saveChecklist(db, {
      pointTypeId: typeId,
      items: [...items.slice(1), { ...items[0]!, textZh: '广场地面干净，无垃圾杂物、无积水' }],
      actorId: w.leader.id,
    });
    expect(edited.version).toBe(before.version + 1);
    const after = (await findChecklist(db, typeId))!;
    expect(after.items.at(-1)?.textZh).toBe('广场地面干净，无垃圾杂物、无积水');
    // the earlier version is untouched and still the old inspection's
    expect((await findChecklist(db, typeId, before.version))!.items).toEqual(before.items);
    const [stop] = await rows<{ versionId: number }>(
      db,
      sql`select checklist_version_id as "versionId" from inspection_stops where inspection_id = ${old.id}`,
    );
    expect(stop?.versionId).toBe(before.id);
    const fresh = await planInspection(db, w.leader.actor, {
      kind: 'supervision',
      title: '广场复查',
      plannedOn: '2026-12-01',
      pointIds: [w.square.id],
    });
    const [next] = await rows<{ versionId: number }>(
      db,
      sql`select checklist_version_id as "versionId" from inspection_stops where inspection_id = ${fresh.id}`,
    );
    expect(next?.versionId).toBe(edited.versionId);
  });
});
