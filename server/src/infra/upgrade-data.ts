import { sql } from 'drizzle-orm';
import { type Db, rows } from './db.ts';

/**
 * Representative data for the upgrade test, each set written at the earliest schema level that has its
 * tables, in that level's own SQL (the columns as they were then), and what must still hold at the latest
 * level. A module whose tables change shape adds a level here.
 */
export interface UpgradeLevel {
  /** the last migration applied before `insert` runs */
  at: string;
  insert: string;
  /** rows the latest schema must show, as [query, expected rows] */
  expect: [ReturnType<typeof sql>, Record<string, unknown>[]][];
}

const GRID = `(select id from org_nodes where code = '419901001001001')`;

export const UPGRADE_LEVELS: UpgradeLevel[] = [
  {
    at: '0001_foundation.sql',
    insert: `
      insert into org_nodes (code, level, name, geom)
        values ('419901', 'district', '升级区', ST_Multi(ST_MakeEnvelope(114, 33, 114.1, 33.1, 4326)));
      insert into org_nodes (code, parent_id, level, name, geom)
        select '419901001', id, 'street', '升级街道', geom from org_nodes where code = '419901';
      insert into org_nodes (code, parent_id, level, name, geom)
        select '419901001001', id, 'community', '升级社区', geom from org_nodes where code = '419901001';
      insert into org_nodes (code, parent_id, level, name, geom)
        select '419901001001001', id, 'grid', '升级网格', geom from org_nodes where code = '419901001001';
      insert into units (district_id, code, name, type)
        select id, 'UPG-1', '升级城管', 'department' from org_nodes where code = '419901';
      insert into users (username, display_name, home_code) values ('upgrade.admin', '升级管理员', '419901');
      insert into grants (user_id, role, org_node_id)
        select u.id, 'district_admin', o.id from users u, org_nodes o
        where u.username = 'upgrade.admin' and o.code = '419901';
      insert into households (grid_id, address) values (${GRID}, '幸福路1号');
      insert into persons (household_id, grid_id, name, gender, birth_year)
        select id, grid_id, '李大爷', 'M', 1940 from households where address = '幸福路1号';`,
    expect: [
      [
        sql`select o.code, g.role from grants g join users u on u.id = g.user_id join org_nodes o on o.id = g.org_node_id
            where u.username = 'upgrade.admin'`,
        [{ code: '419901', role: 'district_admin' }],
      ],
      [
        sql`select p.gender, extract(year from p.birth_date)::int as born from persons p join households h on h.id = p.household_id
            where h.grid_id = ${sql.raw(GRID)}`,
        // 0040 turned the birth year into a date in that year
        [{ gender: 'M', born: 1940 }],
      ],
    ],
  },
  {
    at: '0002_cases.sql',
    insert: `
      insert into categories (code, parent_code, name_zh, name_en) values ('05', null, '市政', 'Municipal')
        on conflict do nothing;
      insert into categories (code, parent_code, name_zh, name_en) values ('05.02', '05', '路灯不亮', 'Street light')
        on conflict do nothing;
      insert into cases (tracking_code, source, category_code, state, description, location, grid_id, org_code,
                         reporter_name, reported_at)
        values ('UPG0000001', 'resident', '05.02', 'reported', '升级前的路灯上报',
                ST_SetSRID(ST_MakePoint(114.05, 33.05), 4326), ${GRID}, '419901001001001', '王小明',
                '2026-01-05T08:00:00Z');
      insert into cases (tracking_code, source, category_code, state, description, location, grid_id, org_code,
                         unit_id, first_unit_id, reported_at, filed_at, dispatched_at)
        select 'UPG0000002', 'grid_patrol', '05.02', 'dispatched', '升级前已派遣的案件',
               ST_SetSRID(ST_MakePoint(114.06, 33.06), 4326), ${GRID}, '419901001001001', u.id, u.id,
               '2026-01-06T08:00:00Z', '2026-01-06T08:10:00Z', '2026-01-06T08:20:00Z'
        from units u where u.code = 'UPG-1';
      insert into case_events (case_id, at, action, from_state, to_state)
        select id, reported_at, 'report', null, 'reported' from cases where tracking_code like 'UPG%';
      insert into case_events (case_id, at, action, from_state, to_state, data)
        select id, dispatched_at, 'dispatch', 'filed', 'dispatched', '{"unitId": 1}' from cases
        where tracking_code = 'UPG0000002';
      insert into case_photos (id, case_id, event_id, kind, mime, bytes, width, height)
        select '0a1b2c3d-0000-4000-8000-00000000abcd', c.id, e.id, 'report', 'image/jpeg', 1234, 80, 60
        from cases c join case_events e on e.case_id = c.id where c.tracking_code = 'UPG0000001';`,
    expect: [
      [
        sql`select c.tracking_code as code, c.state, c.description, count(e.id)::int as events,
                   count(distinct p.id)::int as photos
            from cases c join case_events e on e.case_id = c.id left join case_photos p on p.case_id = c.id
            where c.tracking_code like 'UPG%' group by c.id order by c.tracking_code`,
        [
          { code: 'UPG0000001', state: 'reported', description: '升级前的路灯上报', events: 1, photos: 1 },
          {
            code: 'UPG0000002',
            state: 'dispatched',
            description: '升级前已派遣的案件',
            events: 2,
            photos: 0,
          },
        ],
      ],
    ],
  },
  {
    at: '0021_inspections.sql',
    insert: `
      insert into inspection_point_types (code, name_zh, name_en) values ('P98', '升级点位', 'Upgrade point')
        on conflict do nothing;
      insert into inspection_points (district_id, grid_id, org_code, point_type_id, name, location)
        select (select id from org_nodes where code = '419901'), ${GRID}, '419901001001001', t.id, '升级菜市场',
               ST_SetSRID(ST_MakePoint(114.07, 33.07), 4326)
        from inspection_point_types t where t.code = 'P98';`,
    expect: [
      [
        sql`select p.name, t.code from inspection_points p join inspection_point_types t on t.id = p.point_type_id
            where p.name = '升级菜市场'`,
        [{ name: '升级菜市场', code: 'P98' }],
      ],
    ],
  },
  {
    at: '0040_people.sql',
    insert: `
      insert into buildings (grid_id, name, address, geom)
        values (${GRID}, '升级1号楼', '幸福路1号1栋', ST_SetSRID(ST_MakePoint(114.05, 33.05), 4326));
      insert into houses (building_id, unit, floor, room)
        select id, '1', 3, '301' from buildings where name = '升级1号楼';`,
    expect: [
      [
        sql`select b.name, h.room from houses h join buildings b on b.id = h.building_id where b.name = '升级1号楼'`,
        [{ name: '升级1号楼', room: '301' }],
      ],
    ],
  },
];

/** The expectations of every level at or below `upTo`, checked against the latest schema. */
export async function upgradeMismatches(db: Db, upTo: string): Promise<string[]> {
  const problems: string[] = [];
  for (const level of UPGRADE_LEVELS.filter((l) => l.at <= upTo)) {
    for (const [query, want] of level.expect) {
      const got = await rows(db, query);
      if (JSON.stringify(got) !== JSON.stringify(want))
        problems.push(`${level.at}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  }
  return problems;
}
