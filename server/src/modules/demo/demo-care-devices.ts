import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { newDeviceKey } from '../care-devices/signing.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';

/** The demo's devices in 富民社区: kind, name, reference group, heartbeat, hours since last heard of. */
const DEVICES = [
  // nobody drives the demo's devices: a day's interval keeps them healthy through a day of trying the demo
  ['gate', '富民小区南门门禁', '富民小区门禁', 86_400, 0],
  ['gate', '富民小区北门门禁', '富民小区门禁', 86_400, 0],
  ['camera', '3号楼单元门摄像头', null, 86_400, 0],
  ['water_meter', '5号楼智能水表', null, 86_400, 1],
  ['speaker', '社区广场云广播', null, 86_400, 0],
  // silent for two days: the health list and the map show it red
  ['button', '独居老人一键报平安按钮', null, 900, 48],
] as const;

/**
 * Six care devices in 富民社区 (the demo's community office manages them) at buildings of its first grid,
 * and opaque references (FM-0001 …) for the grid's eldest residents with the compound's gates. Keys are
 * random and never shown: to try the device API, register a device in the console or with the simulator
 * (docs/care-devices.md). One device has been silent for two days, so device health has something to show.
 */
export async function seedDemoCareDevices(
  db: Db,
  districtCode: string,
  cipher: PersonalDataCipher,
): Promise<void> {
  const community = await one<{ id: number; code: string }>(
    db,
    sql`select id, code from org_nodes where code = ${`${districtCode}001001`}`,
  );
  if (!community) return;
  const buildings = await rows<{ id: number }>(
    db,
    sql`select b.id from buildings b join org_nodes g on g.id = b.grid_id
        where g.code = ${`${community.code}001`} order by b.id limit ${DEVICES.length}`,
  );
  for (const [i, [kind, name, group, heartbeat, silentHours]] of DEVICES.entries()) {
    const building = buildings[i % Math.max(buildings.length, 1)]?.id ?? null;
    await db.execute(
      sql`insert into care_devices (kind, name, org_node_id, org_code, building_id, location, geom, owner,
            ref_group, key_enc, heartbeat_seconds, last_heartbeat_at, silent_since)
          select ${kind}, ${name}, ${community.id}, ${community.code}, ${building}, ${name}, b.geom,
            '富民社区居委会', ${group}, ${cipher.encrypt(newDeviceKey())}, ${heartbeat},
            now() - make_interval(hours => ${silentHours}),
            case when ${silentHours} > 1 then now() - make_interval(hours => ${silentHours}) end
          from (select (select geom from buildings where id = ${building}) as geom) b`,
    );
  }
  await db.execute(
    sql`insert into care_person_refs (ref_group, community_code, ref, person_id)
        select '富民小区门禁', ${community.code}, 'FM-' || lpad(row_number() over (order by p.birth_date, p.id)::text, 4, '0'), p.id
        from persons p join org_nodes g on g.id = p.grid_id
        where g.code = ${`${community.code}001`} and p.birth_date is not null
        order by p.birth_date, p.id limit 8`,
  );
}
