import { idDocumentProblem } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/database.ts';
import { type Database, one, openPglite, rows } from '../../infra/db.ts';
import { migrate } from '../../infra/migrate.ts';
import { seedCategories } from '../categories/seed-categories.ts';
import { seedChecklists } from '../inspections/seed-checklists.ts';
import { locatePoint } from '../org/queries.ts';
import { PersonalDataCipher } from '../personal-data/cipher.ts';
import { demoBoundaryLayer } from './demo-layout.ts';
import { isEmpty, seedDemo } from './seed-demo.ts';

// The demo district always gets a database of its own: its codes are fixed (411602), and the test is about
// what a fresh `npm start` shows, whichever engine the other tests run on.
let database: Database;

beforeAll(async () => {
  database = await openPglite('memory://');
  await migrate(database);
  // the reference data a server start seeds before the demo (inspections file failures under categories)
  await seedCategories(database.db);
  await seedChecklists(database.db);
});
afterAll(() => database.close());

describe('the demo district', () => {
  it('has 8 streets, 60 communities/villages and 336 grids with 15-digit codes', () => {
    const layer = demoBoundaryLayer();
    const count = (len: number) => layer.features.filter((f) => f.properties.code.length === len).length;
    expect([count(6), count(9), count(12), count(15)]).toEqual([1, 8, 60, 336]);
    const names = layer.features.map((f) => f.properties.name);
    expect(names).toEqual(
      expect.arrayContaining(['川汇区', '七一路街道', '陈州回族街道', '六一社区', '王响午村']),
    );
  });

  // ~98,000 residents generated and sealed in Node (names, ID numbers, phones) in 1,680 buildings, and two weeks of
  // inspections submitted through the real commands: minutes on a busy machine (8 minutes at a load average of 20 on two cores)
  it('seeds boundaries that pass the import checks, units, every role and ~300 residents per grid', async () => {
    expect(await isEmpty(database.db)).toBe(true);
    const cipher = new PersonalDataCipher(testConfig().secretKey);
    const accounts = await seedDemo(database.db, { password: 'demo-password-1', cipher });
    expect(accounts.map((a) => a.role).sort()).toEqual(
      [
        'community_staff',
        'dispatcher',
        'district_admin',
        'grid_worker',
        'leader',
        'inspector',
        'resident',
        'street_staff',
        'unit_handler',
        'volunteer',
        'integration',
      ].sort(),
    );
    const stats = await one<{
      grids: number;
      persons: number;
      min: number;
      workers: number;
      units: number;
      demo: boolean;
    }>(
      database.db,
      sql`select (select count(*)::int from org_nodes where level = 'grid') as grids,
            (select count(*)::int from persons) as persons,
            (select min(n)::int from (select count(*) as n from persons group by grid_id) x) as min,
            (select count(distinct org_node_id)::int from grants where role = 'grid_worker') as workers,
            (select count(*)::int from units) as units,
            (select bool_and(is_demo) from org_nodes) as demo`,
    );
    expect(stats!.grids).toBe(336);
    expect(stats!.persons / stats!.grids).toBeGreaterThan(270);
    expect(stats!.persons / stats!.grids).toBeLessThan(330);
    expect(stats!.min).toBeGreaterThan(250);
    expect(stats!.workers).toBe(336);
    expect(stats!.units).toBeGreaterThanOrEqual(10);
    expect(stats!.demo).toBe(true);
    // residents' names and addresses are sealed like any personal data, names indexed for exact search
    const sealed = await one<{ clear: number; persons: number; households: number; name: string }>(
      database.db,
      sql`select (select count(*)::int from persons where legacy_name is not null) +
              (select count(*)::int from households where legacy_address is not null) as clear,
            (select count(*)::int from persons where name_enc like 'v2.%' and name_bidx is not null) as persons,
            (select count(*)::int from households where address_enc like 'v2.%') as households,
            (select name_enc from persons order by id limit 1) as name`,
    );
    expect(sealed).toMatchObject({ clear: 0, persons: stats!.persons, households: stats!.grids * 100 });
    expect(cipher.decrypt(sealed!.name)).toMatch(/^\p{Script=Han}{2,3}$/u);
    const overlaps = await rows(
      database.db,
      sql`select a.code from org_nodes a join org_nodes b on a.level = 'grid' and b.level = 'grid' and a.id < b.id
            and st_intersects(a.geom, b.geom) where st_area(st_intersection(a.geom, b.geom)) > 1e-12`,
    );
    expect(overlaps).toEqual([]);
    // six weeks of visits by each grid's worker: a little over half the households, a few far check-ins
    const visits = await one<{ coverage: number; far: number; needs: number; visitors: number }>(
      database.db,
      sql`select count(distinct household_id)::float / ${sealed!.households} as coverage,
            count(*) filter (where far)::int as far, count(distinct visitor_id)::int as visitors,
            (select count(*)::int from visit_needs) as needs
          from visits where visited_at > now() - interval '43 days'`,
    );
    expect(visits!.coverage).toBeGreaterThan(0.5);
    expect(visits!.coverage).toBeLessThan(0.62);
    expect(visits!.visitors).toBe(336);
    expect(visits!.far).toBeGreaterThan(0);
    expect(visits!.needs).toBeGreaterThan(1000);
  }, 900_000);

  it('houses the residents in buildings inside their grids, with ID numbers agreeing with birth and gender', async () => {
    const cipher = new PersonalDataCipher(testConfig().secretKey);
    const outside = await one<{ n: number; buildings: number; heads: number; households: number }>(
      database.db,
      sql`select (select count(*)::int from buildings b join org_nodes g on g.id = b.grid_id
                  where not ST_Contains(g.geom, b.geom)) as n,
            (select count(*)::int from buildings) as buildings,
            (select count(*)::int from households where head_person_id is not null) as heads,
            (select count(*)::int from households) as households`,
    );
    expect(outside).toMatchObject({ n: 0, buildings: 336 * 5 });
    expect(outside!.heads).toBe(outside!.households);
    const sample = await rows<{ id_number_enc: string; birth_date: string; gender: 'M' | 'F' }>(
      database.db,
      sql`select id_number_enc, birth_date, gender from persons where id % 997 = 0`,
    );
    expect(sample.length).toBeGreaterThan(50);
    for (const p of sample)
      expect(
        idDocumentProblem('id_card', cipher.decrypt(p.id_number_enc), {
          birthDate: p.birth_date,
          gender: p.gender,
        }),
      ).toBeNull();
    const tags = await rows<{ name: string }>(
      database.db,
      sql`select distinct a.name from person_tags t join archive_tags a on a.id = t.tag_id order by a.name`,
    );
    expect(tags.map((t) => t.name)).toEqual(expect.arrayContaining(['独居老人', '低保', '党员', '残疾']));
  });

  it('places 川汇区 over its real location: 33.6300 N, 114.6500 E lies in a grid', async () => {
    const hit = await locatePoint(database.db, 114.65, 33.63);
    expect(hit?.grid.code).toMatch(/^411602\d{9}$/);
    expect(hit?.district.name).toBe('川汇区');
  });

  it('grid areas sum to the district area (the grids tile it without gaps)', async () => {
    const r = await one<{ grids: number; district: number }>(
      database.db,
      sql`select (select sum(st_area(geom)) from org_nodes where level = 'grid') as grids,
            (select st_area(geom) from org_nodes where level = 'district') as district`,
    );
    expect(r!.grids).toBeCloseTo(r!.district, 8);
  });

  it('shows a newcomer four weeks of flags and the bulletins of the last days (demo-supervision.ts)', async () => {
    const flags = await rows<{ level: string; flag: string; n: number }>(
      database.db,
      sql`select e.level, e.flag, count(*)::int as n from score_entries e join score_weeks w on w.id = e.week_id
          where w.district_code = '411602' and e.flag is not null group by 1, 2 order by 1, 2`,
    );
    // communities (社区 and 村 apart) and streets carry red and black flags
    expect(flags.filter((f) => f.level === 'community').map((f) => f.flag)).toEqual(['black', 'red']);
    const weeks = await one<{ n: number }>(database.db, sql`select count(*)::int as n from score_weeks`);
    expect(weeks!.n).toBe(4);
    const kinds = await rows<{ kind: string }>(
      database.db,
      sql`select distinct kind from bulletins order by kind`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['daily', 'monthly', 'weekly']);
  });

  it('has two weeks of inspections, their rectification rows and a 暗访 planned for tomorrow', async () => {
    const r = await one<{ days: number; submitted: number; rows: number; cases: number; planned: string[] }>(
      database.db,
      sql`select (select count(distinct planned_on)::int from inspections where state = 'submitted') as days,
            (select count(*)::int from inspections where state = 'submitted') as submitted,
            (select count(*)::int from rectifications) as rows,
            (select count(*)::int from cases where source in ('morning_inspection', 'supervision', 'undercover',
              'mock_evaluation')) as cases,
            (select array_agg(kind order by kind) from inspections where state = 'planned') as planned`,
    );
    expect(r!.days).toBeGreaterThanOrEqual(14);
    expect(r!.submitted).toBeGreaterThan(16);
    expect(r!.rows).toBeGreaterThan(10);
    // repeated failures at one place link to the open case instead of opening another
    expect(r!.cases).toBeGreaterThan(5);
    expect(r!.cases).toBeLessThanOrEqual(r!.rows);
    expect(r!.planned).toEqual(['morning_inspection', 'undercover']);
  });

  it('has six care devices in 富民社区, one silent, and references for the eldest of its first grid', async () => {
    const r = await one<{ devices: number; silent: number; refs: number }>(
      database.db,
      sql`select (select count(*)::int from care_devices where org_code = '411602001001') as devices,
            (select count(*)::int from care_devices where silent_since is not null) as silent,
            (select count(*)::int from care_person_refs where ref_group = '富民小区门禁') as refs`,
    );
    expect(r).toEqual({ devices: 6, silent: 1, refs: 8 });
  });

  it('gives a newcomer a care watch to see: consented elders, sightings, open alerts, an escalation and the roster', async () => {
    const r = await one<{
      watched: number;
      consented: number;
      contacts: number;
      seenByDevice: number;
      open: number;
      mine: number;
      escalated: number;
    }>(
      database.db,
      sql`select (select count(*)::int from care_watched where ended_at is null) as watched,
            (select count(*)::int from care_watched where consent_by is not null and consent_basis <> ''
              and consent_recorded_by is not null) as consented,
            (select count(distinct person_id)::int from care_contacts where name_enc is not null) as contacts,
            (select count(*)::int from care_sightings s join care_devices d on d.id = s.device_id
              where d.org_code = '411602001001') as "seenByDevice",
            (select count(*)::int from care_alerts where closed_at is null) as open,
            (select count(*)::int from care_alerts a join users u on u.id = a.assignee_id
              where a.closed_at is null and u.username = 'gridworker') as mine,
            (select count(*)::int from care_alerts where closed_at is null and level = 1) as escalated`,
    );
    expect(r!.watched).toBeGreaterThan(5);
    expect(r!.consented).toBe(r!.watched);
    expect(r!.contacts).toBe(r!.watched);
    expect(r!.seenByDevice).toBeGreaterThan(r!.watched);
    expect(r!.open).toBeGreaterThan(1);
    expect(r!.mine).toBe(1);
    expect(r!.escalated).toBe(1);
    // the roster names the community's care contact and the street's duty officer, and the escalation went to it
    const roster = await rows<{ code: string; duty: string; username: string }>(
      database.db,
      sql`select n.code, r.duty, u.username from care_roster r join org_nodes n on n.id = r.org_node_id
          join users u on u.id = r.user_id order by r.duty`,
    );
    expect(roster).toEqual([
      { code: '411602001001', duty: 'care_contact', username: 'community' },
      { code: '411602001', duty: 'duty_officer', username: 'street' },
    ]);
    const step = await one<{ via: string; delivered: number; to: string }>(
      database.db,
      sql`select e.data->>'via' as via, s.delivered, u.username as "to"
          from care_alert_steps s join care_alerts a on a.case_id = s.case_id
          join case_events e on e.case_id = s.case_id and e.action = 'care_escalate'
          join users u on u.id = s.recipients[1]
          where s.kind = 'care_contact'`,
    );
    expect(step).toEqual({ via: 'roster', delivered: 1, to: 'community' });
  });

  it('has a year of five-star assessments and a 便民 directory (demo-five-star.ts, demo-directory.ts)', async () => {
    const r = await one<{
      decided: number;
      lastYear: number;
      vetoed: number;
      steps: string[];
      entries: number;
    }>(
      database.db,
      sql`select (select count(*)::int from five_star_assessments where state = 'decided'
                    and year = (select min(year) from five_star_assessments)) as decided,
            (select count(*)::int from org_nodes where level = 'community') as "lastYear",
            (select count(*)::int from five_star_events where kind = 'vetoed') as vetoed,
            (select array_agg(distinct state order by state) from five_star_assessments
              where year = (select max(year) from five_star_assessments)) as steps,
            (select count(*)::int from directory_entries) as entries`,
    );
    expect(r!.decided).toBe(r!.lastYear);
    expect(r!.vetoed).toBe(1);
    expect(r!.steps).toEqual(['decided', 'draft', 'reviewed', 'submitted']);
    expect(r!.entries).toBe(5 * r!.lastYear);
  });

  it('has about 2,000 ambassadors, teams, activities with verified hours, and balances the ledger sums to', async () => {
    const r = await one<{
      volunteers: number;
      teams: number;
      activities: number;
      mismatched: number;
      linked: number;
    }>(
      database.db,
      sql`select (select count(*)::int from volunteers) as volunteers,
            (select count(*)::int from volunteer_teams) as teams,
            (select count(*)::int from volunteer_activities) as activities,
            (select count(*)::int from volunteers v where v.points <> (select coalesce(sum(delta), 0)
              from volunteer_points p where p.volunteer_id = v.id)) as mismatched,
            (select count(*)::int from volunteers v join users u on u.id = v.user_id where u.username = 'volunteer')
              as linked`,
    );
    expect(r!.volunteers).toBeGreaterThan(1500);
    expect(r!.volunteers).toBeLessThan(3000);
    expect(r!.teams).toBe(68);
    expect(r!.activities).toBe(601);
    expect(r!.mismatched).toBe(0);
    expect(r!.linked).toBe(1);
  });
});
