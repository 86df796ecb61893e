-- People archive (家庭档案, docs/people.md): buildings → houses → households → persons, tags, move history and
-- import jobs. Evolves the households and persons tables of 0001/0014 (their ids stay) and moves what they
-- held: households.building text becomes a building with a location inside its grid and every household a
-- house; persons.birth_year becomes a birth date; persons.tags becomes rows of person_tags. Identity numbers
-- cannot be made here (sealing needs the key, which lives in Node): the start-up step
-- demo/complete-demo-residents.ts gives demo persons without one a valid GB 11643 number.

-- A building (楼栋) of a grid: its address is public (door plates print it), its point lies inside the grid
-- (null only for buildings moved from an installation whose grid had no polygon).
create table buildings (
  id integer generated always as identity primary key,
  grid_id integer not null references org_nodes(id),
  name text not null check (length(name) between 1 and 60),
  address text not null check (length(address) between 1 and 200),
  geom geometry(Point, 4326),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (grid_id, address)
);
create index buildings_grid on buildings (grid_id);
create index buildings_geom_gix on buildings using gist (geom);

-- A flat or house (户室) of a building: entrance (单元), floor and room; a rental flat (出租房) is a flag here.
create table houses (
  id integer generated always as identity primary key,
  building_id integer not null references buildings(id),
  unit text not null default '' check (length(unit) <= 20),
  floor integer check (floor between -5 and 200),
  room text not null check (length(room) between 1 and 20),
  is_rental boolean not null default false,
  created_at timestamptz not null default now(),
  unique (building_id, unit, room)
);

-- Configurable tags. `derived` tags are computed, never assigned: age80 from the birth date, floating from the
-- registration date of a non-local resident. Sensitive tags are shown only to roles with people.sensitive.
create table archive_tags (
  id integer generated always as identity primary key,
  name text not null unique check (length(name) between 1 and 20),
  name_en text,
  sensitive boolean not null default false,
  derived text check (derived in ('age80', 'floating')),
  sort integer not null default 100,
  created_at timestamptz not null default now()
);
insert into archive_tags (name, name_en, sensitive, derived, sort) values
  ('独居老人', 'Elder living alone', true, null, 10),
  ('空巢', 'Empty nest', false, null, 20),
  ('80岁以上', 'Aged 80+', false, 'age80', 30),
  ('低保', 'Minimum living allowance', true, null, 40),
  ('残疾', 'Disabled', true, null, 50),
  ('留守儿童', 'Left-behind child', true, null, 60),
  ('退役军人', 'Veteran', false, null, 70),
  ('党员', 'Party member', false, null, 80),
  ('五老', 'Five elders (五老)', false, null, 90),
  ('流动人口', 'Registered non-local resident', false, 'floating', 100);

alter table households add column house_id integer references houses(id);
alter table households add column head_person_id integer references persons(id) on delete set null;
alter table households add column contact_phone_enc text check (contact_phone_enc ~ '^v[12]\.');
alter table households add column updated_at timestamptz not null default now();

alter table persons add column birth_date date check (birth_date between '1880-01-01' and '2200-01-01');
alter table persons add column id_type text not null default 'id_card'
  check (id_type in ('id_card', 'hmt_residence', 'passport'));
-- keyed blind indexes (docs/personal-data.md): the phone, and the name's first one and two characters so a
-- surname or name prefix is found without decrypting rows
alter table persons add column phone_bidx text;
alter table persons add column name1_bidx text;
alter table persons add column name2_bidx text;
alter table persons add column relation text not null default 'other'
  check (relation in ('head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'tenant', 'other'));
alter table persons add column status text not null default 'resident'
  check (status in ('resident', 'moved_out', 'deceased'));
alter table persons add column status_changed_on date;
-- registered non-local resident (流动人口): the date of the residence registration; null for locals
alter table persons add column floating_registered_on date;
alter table persons add column updated_at timestamptz not null default now();

create table person_tags (
  tag_id integer not null references archive_tags(id) on delete cascade,
  -- the person's grid, kept here so "this tag within a community" is one index range
  grid_id integer not null references org_nodes(id),
  person_id integer not null references persons(id) on delete cascade,
  primary key (tag_id, grid_id, person_id)
);
create index person_tags_person on person_tags (person_id);

-- Move history (迁入/迁出/注销): one row per change of where or whether a person lives here.
create table person_moves (
  id integer generated always as identity primary key,
  person_id integer not null references persons(id) on delete cascade,
  kind text not null check (kind in ('move_in', 'move_out', 'transfer', 'deceased', 'return')),
  from_household_id integer references households(id),
  to_household_id integer references households(id),
  moved_on date not null,
  note text check (length(note) <= 500),
  actor_id uuid references users(id),
  created_at timestamptz not null default now()
);
create index person_moves_person on person_moves (person_id, moved_on);

-- Excel imports run as background jobs; the upload and the error report are kept with the job.
create table import_jobs (
  id integer generated always as identity primary key,
  actor_id uuid not null references users(id),
  scope_code text not null,
  file_name text not null,
  file bytea,
  state text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
  total_rows integer not null default 0,
  processed_rows integer not null default 0,
  written_persons integer not null default 0,
  unchanged_persons integer not null default 0,
  error_rows integer not null default 0,
  report bytea,
  failure text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index import_jobs_due on import_jobs (id) where state in ('queued', 'running');

-- ── Moving what exists ──────────────────────────────────────────────────────────────────────────────────
-- One building per (grid, building label); an unlabelled household gets its grid's 未登记楼栋. Points are
-- spread over the middle of the grid's bounding box by the building's ordinal and fall back to a point on
-- the grid's surface when that lands outside the polygon.
create temporary table legacy_buildings on commit drop as
select h.grid_id, coalesce(nullif(h.building, ''), '未登记楼栋') as name, bool_and(h.is_demo) as is_demo,
       row_number() over (partition by h.grid_id order by min(h.id)) as ordinal
from households h group by h.grid_id, coalesce(nullif(h.building, ''), '未登记楼栋');

insert into buildings (grid_id, name, address, geom, is_demo)
select b.grid_id, b.name, coalesce(c.name, '') || b.name,
       case when g.geom is null then null when ST_Contains(g.geom, p.pt) then p.pt
            else ST_PointOnSurface(g.geom) end, b.is_demo
from legacy_buildings b
join org_nodes g on g.id = b.grid_id
left join org_nodes c on c.id = g.parent_id
cross join lateral (select ST_SetSRID(ST_MakePoint(
  ST_XMin(g.geom) + (ST_XMax(g.geom) - ST_XMin(g.geom)) * (0.3 + 0.4 * ((b.ordinal * 37) % 11) / 10.0),
  ST_YMin(g.geom) + (ST_YMax(g.geom) - ST_YMin(g.geom)) * (0.3 + 0.4 * ((b.ordinal * 53) % 7) / 6.0)), 4326) as pt) p;

-- the demo's flats followed its ordinal within the grid: 20 a building, two entrances of five floors
create temporary table legacy_houses on commit drop as
select h.id as household_id, bl.id as building_id, h.is_demo,
       row_number() over (partition by h.grid_id order by h.id) - 1 as n
from households h
join buildings bl on bl.grid_id = h.grid_id and bl.name = coalesce(nullif(h.building, ''), '未登记楼栋');

insert into houses (building_id, unit, floor, room)
select building_id,
       case when is_demo then ((n % 20) / 10 + 1)::text else '' end,
       case when is_demo then (n % 10) / 2 + 1 end,
       case when is_demo then ((n % 10) / 2 + 1)::text || '0' || (n % 2 + 1)::text else '户' || household_id end
from legacy_houses;

update households h set house_id = x.id
from (select lh.household_id, ho.id
      from legacy_houses lh join houses ho on ho.building_id = lh.building_id
        and ho.room = case when lh.is_demo then ((lh.n % 10) / 2 + 1)::text || '0' || (lh.n % 2 + 1)::text
                           else '户' || lh.household_id end
        and ho.unit = case when lh.is_demo then ((lh.n % 20) / 10 + 1)::text else '' end) x
where x.household_id = h.id;

alter table households alter column house_id set not null;
alter table households drop column building;
create unique index households_house on households (house_id);

-- birth dates: the recorded year and a day drawn from the id (the demo had years only)
update persons set birth_date = make_date(birth_year, 1 + (id * 7) % 12, 1 + (id * 13) % 28)
where birth_year is not null;
update persons set gender = case when id % 2 = 0 then 'F' else 'M' end where gender is null;
alter table persons drop column birth_year;

-- the first member of a household is its head; the others are family
update persons p set relation = case when p.id = f.first then 'head' else 'child' end
from (select household_id, min(id) as first from persons group by household_id) f
where f.household_id = p.household_id;
update households h set head_person_id = f.first
from (select household_id, min(id) as first from persons group by household_id) f where f.household_id = h.id;

-- tags: known names map to their row, others become custom tags; derived tags are computed, not kept
insert into archive_tags (name)
select distinct t from persons, unnest(tags) t where t <> '' on conflict (name) do nothing;
insert into person_tags (tag_id, grid_id, person_id)
select distinct a.id, p.grid_id, p.id from persons p, unnest(p.tags) t join archive_tags a on a.name = t
where a.derived is null;
alter table persons drop column tags;

create index persons_name1_bidx on persons (name1_bidx, grid_id) where name1_bidx is not null;
create index persons_name2_bidx on persons (name2_bidx, grid_id) where name2_bidx is not null;
create index persons_phone_bidx on persons (phone_bidx) where phone_bidx is not null;
create index persons_grid_birth on persons (grid_id, birth_date);
create index houses_building on houses (building_id);
