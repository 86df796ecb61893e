/**
 * The people archive at scale, on PostgreSQL: importing 100,000 persons from one .xlsx (the real background
 * job: parse, row checks, matching, sealed writes), then archive search at 1,000,000 persons (name prefix,
 * ID number, phone, tag within a community: the route's query and presenter, without HTTP).
 *
 *   DATABASE_URL=postgres://user@127.0.0.1:5432/bench npx tsx bench/people-archive.ts
 *
 * A scratch database is created next to the named one and dropped at the end. BENCH_PERSONS sets the archive
 * size for the search (default 1,000,000), BENCH_IMPORT the persons in the imported file (default 100,000),
 * BENCH_REIMPORT=1 imports the same file a second time (it must write nothing); BENCH_COMPARE=1 times the
 * surname and 80岁以上 searches again on the indexes before migration 0041, for a before/after figure;
 * BENCH_EXPLAIN=1 prints both searches' plans (EXPLAIN ANALYZE) on each set of indexes.
 * The persons beyond the import are generated in SQL: their names' blind indexes are real (drawn from 4,000
 * generated names, so a surname matches as often as in life); their ID-number and phone indexes are real for
 * one in 500 (the ones searched for) and distinct stand-ins of the same shape for the rest.
 */
import { loadavg } from 'node:os';
import { makeIdNumber } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { one, openPostgres, rows } from '../server/src/infra/db.ts';
import { migrate } from '../server/src/infra/migrate.ts';
import type { Actor } from '../server/src/modules/auth/actor.ts';
import { demoBoundaryLayer } from '../server/src/modules/demo/demo-layout.ts';
import { GIVEN, SURNAMES } from '../server/src/modules/demo/names.ts';
import { importBoundaries } from '../server/src/modules/org/commands/import-boundaries.ts';
import { IMPORT_COLUMNS } from '../server/src/modules/people/import/columns.ts';
import { runImportJob } from '../server/src/modules/people/import/run-import.ts';
import { presentMembers } from '../server/src/modules/people/load.ts';
import { nameIndexes } from '../server/src/modules/people/person-indexes.ts';
import { districtToday } from '../server/src/modules/people/present-person.ts';
import { listTags } from '../server/src/modules/people/queries.ts';
import { searchPersons } from '../server/src/modules/people/search-queries.ts';
import { PersonalDataCipher } from '../server/src/modules/personal-data/cipher.ts';
import { blindIndexOf } from '../server/src/modules/personal-data/fields.ts';
import { seededRandom } from './lib/measure.ts';
import { fmt, line, verdict } from './lib/report.ts';

const URL_ = process.env.DATABASE_URL ?? '';
if (!URL_) {
  // the figures are PostgreSQL's (issue 11): `npm run bench` without DATABASE_URL passes over this one
  console.log(
    'people  skipped: set DATABASE_URL to a PostgreSQL database (a scratch one is made next to it)',
  );
  process.exit(0);
}
const PERSONS = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const IMPORT = Number(process.env.BENCH_IMPORT ?? 100_000);
const REGION = '411602';
const cipher = new PersonalDataCipher('bench-secret-key-that-is-long-enough-0000');
const rand = seededRandom(11);
const pick = (chars: string) => chars[Math.floor(rand() * chars.length)]!;
const percentile = (s: number[], p: number) =>
  [...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.floor(p * s.length))]!;

const name = `cg_bench_people_${process.pid}`;
const admin = new pg.Client({ connectionString: URL_ });
await admin.connect();
await admin.query(`create database ${name}`);
const scratch = new URL(URL_);
scratch.pathname = `/${name}`;
const database = await openPostgres(scratch.toString(), 4);
const db = database.db;
try {
  console.log('People archive: import of one .xlsx, then search at scale (PostgreSQL)');
  console.log(
    `load average at start (1/5/15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await migrate(database);
  await importBoundaries(db, demoBoundaryLayer(), { actorId: null, scopes: null, ip: 'bench', isDemo: true });
  const grids = await rows<{ id: number; code: string; community: string; lng: number; lat: number }>(
    db,
    sql`select g.id, g.code, c.code as community, ST_X(ST_PointOnSurface(g.geom)) as lng,
          ST_Y(ST_PointOnSurface(g.geom)) as lat
        from org_nodes g join org_nodes c on c.id = g.parent_id where g.level = 'grid' order by g.code`,
  );
  const user = await one<{ id: string }>(
    db,
    sql`insert into users (username, display_name, home_code) values ('bench', '基准测试', ${REGION}) returning id`,
  );
  await db.execute(sql`insert into grants (user_id, role, org_node_id)
    select ${user!.id}, 'district_admin', id from org_nodes where code = ${REGION}`);

  // ── import ────────────────────────────────────────────────────────────────────────────────────────────
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('人员信息');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header));
  const seq = new Map<string, number>();
  const idOf = (birth: string, gender: 'M' | 'F') => {
    const n = seq.get(birth + gender) ?? 0;
    seq.set(birth + gender, n + 1);
    return makeIdNumber(REGION, birth, gender, n);
  };
  const day = () =>
    `${1930 + Math.floor(rand() * 90)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  let written = 0;
  for (let h = 0; written < IMPORT; h++) {
    const g = grids[h % grids.length]!;
    const size = Math.min(3, IMPORT - written);
    for (let m = 0; m < size; m++) {
      const gender = rand() < 0.5 ? 'M' : 'F';
      const birth = day();
      sheet.addRow([
        g.code,
        `基准楼${Math.floor(h / grids.length / 20)}`,
        g.lng,
        g.lat,
        '1',
        '1',
        `${h}`,
        '否',
        pick(SURNAMES) + pick(GIVEN) + pick(GIVEN),
        m === 0 ? '户主' : '子女',
        gender === 'M' ? '男' : '女',
        birth,
        '居民身份证',
        idOf(birth, gender),
        m === 0 ? `139${String(h).padStart(8, '0')}` : '',
        '',
        rand() < 0.05 ? '党员' : '',
      ]);
      written++;
    }
  }
  const file = Buffer.from(await book.xlsx.writeBuffer());
  const job = await one<{ id: number }>(
    db,
    sql`insert into import_jobs (actor_id, scope_code, file_name, file) values (${user!.id}, ${REGION}, 'bench.xlsx', ${file})
        returning id`,
  );
  let t = performance.now();
  const cpu0 = process.cpuUsage();
  await runImportJob(db, cipher, job!.id);
  const importS = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const result = await one<{ state: string; written: number; errors: number }>(
    db,
    sql`select state, written_persons as written, error_rows as errors from import_jobs where id = ${job!.id}`,
  );
  line(
    'import',
    `${fmt(IMPORT)} persons (${fmt(file.length / 1048576, 1)} MB .xlsx): ${fmt(importS, 1)} s, state ${result!.state}, ` +
      `${fmt(result!.written)} written, ${fmt(result!.errors)} error rows; the importing process used ${fmt(cpuS, 1)} s ` +
      `of CPU (load average now ${loadavg()[0]!.toFixed(1)}) — goal < 60 s ${verdict(importS < 60)}`,
  );
  t = performance.now();
  if (process.env.BENCH_REIMPORT) {
    await db.execute(sql`update import_jobs set state = 'queued', file = ${file} where id = ${job!.id}`);
    await runImportJob(db, cipher, job!.id);
    const again = await one<{ written: number; unchanged: number }>(
      db,
      sql`select written_persons as written, unchanged_persons as unchanged from import_jobs where id = ${job!.id}`,
    );
    line(
      'reimport',
      `the same file again: ${fmt((performance.now() - t) / 1000, 1)} s, ${fmt(again!.written)} written, ${fmt(again!.unchanged)} unchanged`,
    );
  }

  // ── the rest of the archive, generated in SQL ─────────────────────────────────────────────────────────
  t = performance.now();
  const names = Array.from(
    { length: 4000 },
    () => pick(SURNAMES) + pick(GIVEN) + (rand() < 0.7 ? pick(GIVEN) : ''),
  );
  const idx = names.map((n) => nameIndexes(cipher, n));
  const sealedNames = names.slice(0, 200).map((n) => cipher.encrypt(n));
  const extra = Math.max(0, PERSONS - IMPORT);
  const households = Math.ceil(extra / 3);
  const arr = (v: (string | null)[]) => `{${v.map((x) => x ?? 'NULL').join(',')}}`;
  await db.execute(sql`
    insert into buildings (grid_id, name, address, geom)
    select g.id, b || '号楼', g.code || '-' || b || '号楼', ST_PointOnSurface(g.geom)
    from org_nodes g, generate_series(1, ${Math.ceil(households / grids.length / 20) + 1}) b where g.level = 'grid'`);
  await db.execute(sql`
    insert into houses (building_id, unit, room)
    select b.id, '1', r::text from buildings b, generate_series(1, 20) r where b.address like '%-%'`);
  await db.execute(sql`
    insert into households (house_id, grid_id)
    select ho.id, b.grid_id from houses ho join buildings b on b.id = ho.building_id
    where b.address like '%-%' order by ho.id limit ${households}`);
  // persons of the generated households: three each, real name indexes, stand-in ID and phone indexes except
  // for every 500th person, whose values are real and kept for the searches below
  const sample = Array.from({ length: Math.floor(extra / 500) }, (_, i) => {
    const birth = day();
    const gender = rand() < 0.5 ? 'M' : 'F';
    const id = makeIdNumber('411699', birth, gender, i % 500);
    const phone = `137${String(i).padStart(8, '0')}`;
    return {
      id,
      phone,
      idHash: blindIndexOf(cipher, 'idNumber', id),
      phoneBidx: blindIndexOf(cipher, 'phone', phone),
    };
  });
  await db.execute(sql`
    with h as (select id, grid_id, row_number() over (order by id) as n from households where address_enc is null),
    p as (select h.id as hid, h.grid_id, (h.n - 1) * 3 + m as k, m from h, generate_series(1, 3) m)
    insert into persons (household_id, grid_id, name_enc, name_bidx, name1_bidx, name2_bidx, gender, birth_date,
      id_number_enc, id_number_hash, phone_enc, phone_bidx, relation)
    select hid, grid_id, (${arr(sealedNames)}::text[])[1 + k % 200], (${arr(idx.map((x) => x.nameBidx))}::text[])[1 + k % 4000],
      (${arr(idx.map((x) => x.name1Bidx))}::text[])[1 + k % 4000], (${arr(idx.map((x) => x.name2Bidx))}::text[])[1 + k % 4000],
      case when k % 2 = 0 then 'F' else 'M' end, date '1930-01-01' + (k * 7919 % 32000)::int,
      ${sealedNames[0]!},
      case when k % 500 = 0 and k / 500 < ${sample.length} then (${arr(sample.map((s) => s.idHash))}::text[])[1 + k / 500] else md5('id' || k) || md5('x' || k) end,
      case when m = 1 or k % 500 = 1 then ${sealedNames[1]!} end,
      case when k % 500 = 1 and k / 500 < ${sample.length} then (${arr(sample.map((s) => s.phoneBidx))}::text[])[1 + k / 500]
           when m = 1 then md5('ph' || k) || md5('y' || k) end,
      case when m = 1 then 'head' else 'child' end
    from p where k <= ${extra}`);
  await db.execute(sql`
    insert into person_tags (tag_id, grid_id, person_id)
    select t.id, p.grid_id, p.id from persons p join archive_tags t on t.name = '党员' where p.id % 40 = 7
    on conflict do nothing`);
  // vacuum as autovacuum would after a load: the visibility map lets the search's index-only scans skip the heap
  await db.execute(sql`vacuum analyze persons`);
  await db.execute(sql`analyze`);
  const total = await one<{ n: number; mb: number }>(
    db,
    sql`select count(*)::int as n, pg_total_relation_size('persons') / 1048576 as mb from persons`,
  );
  line(
    'data',
    `${fmt(total!.n)} persons (${fmt(total!.mb)} MB with indexes), generated in ${fmt((performance.now() - t) / 1000, 0)} s`,
  );

  // ── search within one community, as its staff ─────────────────────────────────────────────────────────
  const community = grids[0]!.community;
  const actor = {
    userId: user!.id,
    grants: [{ role: 'community_staff', scopeCode: community, scopeLevel: 'community' }],
  } as unknown as Actor;
  const districtActor = {
    userId: user!.id,
    grants: [{ role: 'district_admin', scopeCode: REGION }],
  } as unknown as Actor;
  const tags = await listTags(db);
  const today = districtToday();
  const timeSearch = async (
    label: string,
    who: Actor,
    make: (i: number) => Parameters<typeof searchPersons>[3],
  ) => {
    const samples: number[] = [];
    let hits = 0;
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      const found = await searchPersons(db, cipher, who, make(i));
      await presentMembers(db, cipher, who, found, tags, today);
      samples.push(performance.now() - s);
      hits += found.length;
    }
    const p95 = percentile(samples, 0.95);
    line(
      'search',
      `${label.padEnd(34)} p50 ${fmt(percentile(samples, 0.5), 1)}  p95 ${fmt(p95, 1)} ms  (${fmt(hits / 200, 1)} hits)  goal p95 < 50 ms ${verdict(p95 < 50)}`,
    );
  };
  const surnames = [...SURNAMES].slice(0, 40);
  await timeSearch('surname, within a community', actor, (i) => ({ name: surnames[i % 40]!, limit: 50 }));
  await timeSearch('name start (2 chars), community', actor, (i) => ({
    name: names[i]!.slice(0, 2),
    limit: 50,
  }));
  await timeSearch('whole name, community', actor, (i) => ({ name: names[i]!, limit: 50 }));
  await timeSearch('党员 tag, within a community', actor, (i) => ({
    tag: tags.find((x) => x.name === '党员'),
    limit: 50,
    after: i,
  }));
  await timeSearch('80岁以上, within a community', actor, () => ({
    tag: tags.find((x) => x.name === '80岁以上'),
    limit: 50,
  }));
  const withId = sample.slice(0, 200);
  await timeSearch('ID number, district-wide', districtActor, (i) => ({
    idNumber: withId[i % withId.length]!.id,
    limit: 50,
  }));
  await timeSearch('phone, district-wide', districtActor, (i) => ({
    phone: withId[i % withId.length]!.phone,
    limit: 50,
  }));
  // the plans of the two searches 0041 is for: which index, how many rows, whether the heap is read
  const explain = async (label: string) => {
    const where = sql`p.grid_id = any(array(select id from org_nodes where level = 'grid' and code like ${`${community}%`}))
      and p.status = 'resident'`;
    const bidx = blindIndexOf(cipher, 'name', surnames[0]!);
    for (const [what, q] of [
      [
        'surname',
        sql`select p.id from persons p where ${where} and p.name1_bidx = ${bidx} order by p.id limit 50`,
      ],
      [
        '80岁以上',
        sql`select p.id from persons p where ${where} and p.birth_date <= current_date - interval '80 years'
            order by p.id limit 50`,
      ],
    ] as const) {
      const plan = await rows<{ 'QUERY PLAN': string }>(db, sql`explain (analyze, buffers, costs off) ${q}`);
      console.log(`explain ${label} ${what}:\n  ${plan.map((r) => r['QUERY PLAN']).join('\n  ')}`);
    }
  };
  if (process.env.BENCH_EXPLAIN === '1') await explain('(0041)');
  if (process.env.BENCH_COMPARE === '1') {
    // the same two searches on the indexes before 0041_person_search_indexes.sql, for the before/after figures
    await db.execute(sql`drop index persons_name1_grid_id`);
    await db.execute(sql`drop index persons_grid_birth`);
    await db.execute(
      sql`create index persons_name1_bidx on persons (name1_bidx, grid_id) where name1_bidx is not null`,
    );
    await db.execute(sql`create index persons_grid_birth on persons (grid_id, birth_date)`);
    await db.execute(sql`analyze persons`);
    if (process.env.BENCH_EXPLAIN === '1') await explain('(before 0041)');
    await timeSearch('surname, community (before 0041)', actor, (i) => ({
      name: surnames[i % 40]!,
      limit: 50,
    }));
    await timeSearch('80岁以上, community (before 0041)', actor, () => ({
      tag: tags.find((x) => x.name === '80岁以上'),
      limit: 50,
    }));
  }
  console.log(
    `load average at end (1/5/15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await database.close();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
