import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../../infra/db.ts';
import type { MorningSettings } from '../../supervision-settings/schemas.ts';
import { currentVersionIds } from '../checklist-queries.ts';
import { insertInspection } from './plan-inspection.ts';

/**
 * Plans a district's 晨查 for a district day from the standing plan (docs/supervision.md, "The standing 晨查
 * plan"): one inspection per responsible leader (包联领导) who still runs inspections in the district, walking
 * their active points of the configured types (all types when none are configured) in grid order, at the
 * configured time. Exactly once across processes: the (district, day) row of `morning_plans` is claimed in the
 * same transaction, so a second process waits for the first and then plans nothing. Returns how many
 * inspections it planned (0 when the day was planned already or no point has a leader).
 */
export async function planMorningInspections(
  db: Db,
  district: { id: number },
  day: string,
  settings: MorningSettings,
): Promise<number> {
  return db.transaction(async (tx) => {
    const claimed = await one<{ day: string }>(
      tx,
      sql`insert into morning_plans (district_id, day) values (${district.id}, ${day}::date)
          on conflict do nothing returning day`,
    );
    if (!claimed) return 0;
    const types = settings.pointTypeIds;
    const points = await rows<{ id: number; typeId: number; orgCode: string; leaderId: string }>(
      tx,
      sql`select p.id, p.point_type_id as "typeId", p.org_code as "orgCode", p.leader_id as "leaderId"
          from inspection_points p join org_nodes d on d.id = p.district_id
          where p.district_id = ${district.id} and p.active and p.leader_id is not null
            ${types.length ? sql`and p.point_type_id = any(${`{${types.join(',')}}`}::int[])` : sql``}
            and exists (select 1 from grants g join org_nodes n on n.id = g.org_node_id
                          join users u on u.id = g.user_id
                        where g.user_id = p.leader_id and g.role in ('leader', 'inspector', 'district_admin')
                          and d.code like n.code || '%' and not u.disabled)
          order by p.leader_id, p.org_code, p.id`,
    );
    const versions = await currentVersionIds(tx, [...new Set(points.map((p) => p.typeId))]);
    const byLeader = new Map<string, typeof points>();
    for (const p of points) byLeader.set(p.leaderId, [...(byLeader.get(p.leaderId) ?? []), p]);
    for (const [leaderId, route] of byLeader) {
      const stops = route.map((p, i) => ({
        point: p.id,
        seq: i + 1,
        version: versions.get(p.typeId),
        org: p.orgCode,
      }));
      await insertInspection(tx, {
        districtId: district.id,
        kind: 'morning_inspection',
        title: `晨查 ${day}`,
        plannedOn: day,
        plannedTime: settings.time,
        leaderId,
        createdBy: leaderId,
        start: false,
        team: [],
        stops: JSON.stringify(stops),
      });
    }
    await tx.execute(
      sql`update morning_plans set inspections = ${byLeader.size}
          where district_id = ${district.id} and day = ${day}::date`,
    );
    return byLeader.size;
  });
}
