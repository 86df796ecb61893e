-- Supervision, part one: inspection point types and their versioned checklists, inspection points, inspections
-- (晨查, 暗访, 督查, 模拟测评) with their routes and answers, and the rectification list (整改清单).
-- See docs/supervision.md.

-- The 26 point types of the 测评体系 (主次干道, 背街小巷, 集贸市场 …): reference data like the categories.
create table inspection_point_types (
  id integer generated always as identity primary key,
  code text not null unique check (code ~ '^P[0-9]{2}$'),
  name_zh text not null check (length(name_zh) between 1 and 50),
  name_en text not null check (length(name_en) between 1 and 100),
  sort integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now()
);

-- A checklist is versioned: editing a type's items writes a new version, and an inspection keeps the version
-- it was planned with. The highest version of a type is its current checklist.
create table checklist_versions (
  id integer generated always as identity primary key,
  point_type_id integer not null references inspection_point_types(id),
  version integer not null check (version >= 1),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique (point_type_id, version)
);

create table checklist_items (
  id integer generated always as identity primary key,
  version_id integer not null references checklist_versions(id),
  sort integer not null,
  text_zh text not null check (length(text_zh) between 1 and 200),
  text_en text not null default '' check (length(text_en) <= 300),
  -- pass_fail: pass / fail / not applicable; score: 0..max_score (below pass_score fails), or not applicable
  answer_type text not null default 'pass_fail' check (answer_type in ('pass_fail', 'score')),
  max_score numeric(6, 2) not null default 1 check (max_score > 0),
  pass_score numeric(6, 2) check (pass_score is null or pass_score >= 0),
  weight numeric(6, 2) not null default 1 check (weight > 0),
  photo_on_fail boolean not null default true,
  -- the case category (TT.SS) a failure files under
  category_code text not null references categories(code),
  unique (version_id, sort)
);

-- Named places inspected again and again, each with its responsible leader (包联领导) and unit.
create table inspection_points (
  id integer generated always as identity primary key,
  district_id integer not null references org_nodes(id),
  grid_id integer not null references org_nodes(id),
  -- the grid's code, so scoped reads are a prefix match like cases.org_code
  org_code text not null check (org_code ~ '^[0-9]{15}$'),
  point_type_id integer not null references inspection_point_types(id),
  name text not null check (length(name) between 1 and 100),
  address text check (address is null or length(address) <= 200),
  location geometry(Point, 4326) not null,
  leader_id uuid references users(id),
  unit_id integer references units(id),
  active boolean not null default true,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index inspection_points_org on inspection_points (org_code text_pattern_ops);
create index inspection_points_district on inspection_points (district_id, point_type_id);

-- An inspection: kind is the case source its failures file under.
create table inspections (
  id integer generated always as identity primary key,
  district_id integer not null references org_nodes(id),
  kind text not null check (kind in ('morning_inspection', 'undercover', 'supervision', 'mock_evaluation')),
  title text not null check (length(title) between 1 and 100),
  planned_on date not null,
  planned_time time,
  leader_id uuid not null references users(id),
  created_by uuid not null references users(id),
  state text not null default 'planned' check (state in ('planned', 'in_progress', 'submitted', 'cancelled')),
  started_at timestamptz,
  submitted_at timestamptz,
  -- written at submission: points visited, items answered, passed, failed, and the weighted score (0-100)
  points_visited integer not null default 0,
  items_answered integer not null default 0,
  items_passed integer not null default 0,
  items_failed integer not null default 0,
  score numeric(5, 2),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((state = 'submitted') = (submitted_at is not null))
);
create index inspections_district_day on inspections (district_id, planned_on desc, id desc);
create index inspections_submitted on inspections (submitted_at) where submitted_at is not null;

-- The team walking with the leader (督查员, staff); they may answer and submit too.
create table inspection_team (
  inspection_id integer not null references inspections(id) on delete cascade,
  user_id uuid not null references users(id),
  primary key (inspection_id, user_id)
);
create index inspection_team_user on inspection_team (user_id);

-- The route: the points in order, each with the checklist version fixed when the inspection was planned.
create table inspection_stops (
  id integer generated always as identity primary key,
  inspection_id integer not null references inspections(id) on delete cascade,
  point_id integer not null references inspection_points(id),
  seq integer not null,
  checklist_version_id integer not null references checklist_versions(id),
  -- copied from the point, so that visibility and counts by area need no join through the point
  org_code text not null,
  visited_at timestamptz,
  -- written at submission
  items_passed integer not null default 0,
  items_failed integer not null default 0,
  score numeric(5, 2),
  unique (inspection_id, point_id),
  unique (inspection_id, seq)
);
create index inspection_stops_org on inspection_stops (org_code text_pattern_ops);
create index inspection_stops_point on inspection_stops (point_id);

create table inspection_answers (
  id integer generated always as identity primary key,
  stop_id integer not null references inspection_stops(id) on delete cascade,
  item_id integer not null references checklist_items(id),
  result text not null check (result in ('pass', 'fail', 'na')),
  score numeric(6, 2),
  note text check (note is null or length(note) <= 1000),
  location geometry(Point, 4326),
  answered_by uuid references users(id),
  answered_at timestamptz not null,
  updated_at timestamptz not null default now(),
  unique (stop_id, item_id)
);

-- Photos taken with an answer (the files live in the photo folder like case photos).
create table inspection_photos (
  id uuid primary key,
  answer_id integer not null references inspection_answers(id) on delete cascade,
  mime text not null,
  bytes integer not null,
  width integer,
  height integer,
  created_at timestamptz not null default now()
);
create index inspection_photos_answer on inspection_photos (answer_id);

-- The rectification list (整改清单): one row per failed item, or per item entered by hand from a 市/省 通报.
-- Struck off (销号) only when its case is closed and a re-check (复查) passed.
create table rectifications (
  id integer generated always as identity primary key,
  district_id integer not null references org_nodes(id),
  -- null for rows entered by hand
  inspection_id integer references inspections(id),
  answer_id integer unique references inspection_answers(id),
  point_id integer references inspection_points(id),
  item_id integer references checklist_items(id),
  -- where the problem is: the point's grid code (or the street/community code of a hand-entered row)
  org_code text not null,
  -- the kind of inspection, or 'bulletin' for a hand-entered row from a higher-level bulletin
  origin text not null check (origin in ('morning_inspection', 'undercover', 'supervision', 'mock_evaluation', 'bulletin')),
  -- for hand-entered rows: which bulletin (e.g. 市文明办通报〔2026〕12号)
  origin_ref text check (origin_ref is null or length(origin_ref) <= 100),
  description text not null check (length(description) between 1 and 1000),
  category_code text not null references categories(code),
  leader_id uuid references users(id),
  unit_id integer references units(id),
  deadline_on date not null,
  case_id integer references cases(id),
  -- true when the item was linked to an open case of the same category nearby instead of opening one
  linked_existing boolean not null default false,
  recheck_at timestamptz,
  recheck_by uuid references users(id),
  recheck_passed boolean,
  recheck_note text check (recheck_note is null or length(recheck_note) <= 1000),
  struck_off_at timestamptz,
  is_demo boolean not null default false,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((origin = 'bulletin') = (inspection_id is null)),
  check (struck_off_at is null or recheck_passed)
);
create index rectifications_district on rectifications (district_id, struck_off_at, deadline_on, id);
create index rectifications_org on rectifications (org_code text_pattern_ops);
create index rectifications_unit on rectifications (unit_id, struck_off_at);
create index rectifications_inspection on rectifications (inspection_id);
create index rectifications_case on rectifications (case_id);

-- Photos of re-checks (复查), kept with the row.
create table rectification_photos (
  id uuid primary key,
  rectification_id integer not null references rectifications(id),
  mime text not null,
  bytes integer not null,
  width integer,
  height integer,
  created_at timestamptz not null default now()
);
create index rectification_photos_row on rectification_photos (rectification_id);
