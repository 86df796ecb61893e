-- Volunteers (道德文明使者, 志愿者, 五老; issue 13, docs/volunteers.md). A volunteer is a person of the archive,
-- linked to a login when they use the phone pages. `org_code` is the community (or street) the volunteer
-- belongs to: scope checks are prefix tests on it, as everywhere. Every change of points is a ledger row;
-- `volunteers.points` is the balance the ledger sums to, kept by conditional updates that never go below zero.

-- ten categories by default, renamed or switched off in the console (configurable)
create table volunteer_categories (
  code text primary key check (code ~ '^[a-z_]{2,30}$'),
  name text not null check (length(name) between 1 and 30),
  name_en text not null check (length(name_en) between 1 and 60),
  sort integer not null default 100,
  active boolean not null default true
);
insert into volunteer_categories (code, name, name_en, sort) values
  ('civility', '文明劝导', 'Civility guidance', 10),
  ('environment', '环境卫生', 'Clean environment', 20),
  ('traffic', '交通文明', 'Traffic courtesy', 30),
  ('care', '关爱帮扶', 'Care and support', 40),
  ('mediation', '邻里调解', 'Neighbour mediation', 50),
  ('patrol', '平安巡防', 'Safety patrol', 60),
  ('culture', '文化宣传', 'Culture and publicity', 70),
  ('lecture', '理论宣讲', 'Policy lectures', 80),
  ('health', '医疗健康', 'Health', 90),
  ('five_elders', '五老', 'Five elders (五老)', 100);

-- the type of an activity carries the coefficient its verified hours are multiplied by
create table volunteer_activity_types (
  code text primary key check (code ~ '^[a-z_]{2,30}$'),
  name text not null check (length(name) between 1 and 30),
  name_en text not null check (length(name_en) between 1 and 60),
  coefficient numeric(4, 2) not null check (coefficient between 0 and 10),
  sort integer not null default 100
);
insert into volunteer_activity_types (code, name, name_en, coefficient, sort) values
  ('service', '志愿服务', 'Volunteer service', 1.00, 10),
  ('civility', '文明劝导', 'Civility guidance', 1.20, 20),
  ('cleanup', '环境整治', 'Clean-up', 1.00, 30),
  ('care', '关爱帮扶', 'Care visit', 1.50, 40),
  ('lecture', '宣讲', 'Lecture', 1.00, 50);

create table volunteers (
  id integer generated always as identity primary key,
  person_id integer not null unique references persons(id),
  user_id uuid unique references users(id),
  org_code text not null check (org_code ~ '^[0-9]{9}([0-9]{3})?$'),
  category_code text not null references volunteer_categories(code),
  stage text not null default 'recommended'
    check (stage in ('recommended', 'selected', 'trained', 'active', 'retired')),
  stage_changed_at timestamptz not null default now(),
  points integer not null default 0 check (points >= 0),
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index volunteers_code on volunteers (org_code text_pattern_ops, id);

-- the lifecycle's history: one row per step
create table volunteer_stage_events (
  id bigint generated always as identity primary key,
  volunteer_id integer not null references volunteers(id),
  from_stage text,
  to_stage text not null,
  note text check (length(note) <= 500),
  actor_id uuid references users(id),
  created_at timestamptz not null default now()
);
create index volunteer_stage_events_volunteer on volunteer_stage_events (volunteer_id, id);

create table volunteer_honours (
  id integer generated always as identity primary key,
  volunteer_id integer not null references volunteers(id),
  kind text not null check (kind in ('good_person', 'moral_model')),
  level text not null check (level in ('community', 'street', 'district', 'city', 'province', 'national')),
  awarded_on date not null check (awarded_on between '1949-10-01' and '2200-01-01'),
  note text check (length(note) <= 500),
  actor_id uuid references users(id),
  created_at timestamptz not null default now()
);
create index volunteer_honours_volunteer on volunteer_honours (volunteer_id);

create table volunteer_teams (
  id integer generated always as identity primary key,
  org_code text not null check (org_code ~ '^[0-9]{9}([0-9]{3})?$'),
  name text not null check (length(name) between 1 and 60),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  unique (org_code, name)
);
create table volunteer_team_members (
  team_id integer not null references volunteer_teams(id),
  volunteer_id integer not null references volunteers(id),
  joined_at timestamptz not null default now(),
  primary key (team_id, volunteer_id)
);

create table volunteer_activities (
  id integer generated always as identity primary key,
  org_code text not null check (org_code ~ '^[0-9]{9}([0-9]{3})?$'),
  team_id integer references volunteer_teams(id),
  organiser_id uuid not null references users(id),
  title text not null check (length(title) between 2 and 100),
  type_code text not null references volunteer_activity_types(code),
  place text not null check (length(place) between 1 and 200),
  geom geometry(Point, 4326) not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  capacity integer not null check (capacity between 1 and 10000),
  -- sign-ups so far: the conditional UPDATE on it is what keeps sign-ups within capacity
  signed_up integer not null default 0,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check (signed_up between 0 and capacity)
);
create index volunteer_activities_code on volunteer_activities (org_code text_pattern_ops, starts_at desc);

create table volunteer_signups (
  id bigint generated always as identity primary key,
  activity_id integer not null references volunteer_activities(id),
  volunteer_id integer not null references volunteers(id),
  signed_up_at timestamptz not null default now(),
  signed_in_at timestamptz,
  in_distance_m integer,
  signed_out_at timestamptz,
  out_distance_m integer,
  hours numeric(5, 2) check (hours between 0 and 24),
  verified_at timestamptz,
  verified_by uuid references users(id),
  unique (activity_id, volunteer_id)
);
create index volunteer_signups_volunteer on volunteer_signups (volunteer_id, activity_id);

create table volunteer_goods (
  id integer generated always as identity primary key,
  org_code text not null check (org_code ~ '^[0-9]{9}([0-9]{3})?$'),
  name text not null check (length(name) between 1 and 60),
  points integer not null check (points between 1 and 100000),
  stock integer not null check (stock >= 0),
  active boolean not null default true,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index volunteer_goods_code on volunteer_goods (org_code text_pattern_ops);

create table volunteer_redemptions (
  id integer generated always as identity primary key,
  volunteer_id integer not null references volunteers(id),
  goods_id integer not null references volunteer_goods(id),
  quantity integer not null check (quantity between 1 and 100),
  points integer not null check (points > 0),
  actor_id uuid references users(id),
  created_at timestamptz not null default now()
);

-- the points ledger: every change of a balance is one row with the balance after it
create table volunteer_points (
  id bigint generated always as identity primary key,
  volunteer_id integer not null references volunteers(id),
  org_code text not null,
  delta integer not null,
  balance integer not null check (balance >= 0),
  reason text not null check (reason in ('service', 'report', 'report_reversal', 'redemption', 'adjustment')),
  activity_id integer references volunteer_activities(id),
  case_id integer references cases(id),
  redemption_id integer references volunteer_redemptions(id),
  hours numeric(5, 2),
  actor_id uuid references users(id),
  created_at timestamptz not null default now()
);
create index volunteer_points_volunteer on volunteer_points (volunteer_id, id);
-- a case is granted once and reversed once; an attendance is paid once
create unique index volunteer_points_report on volunteer_points (case_id) where reason = 'report';
create unique index volunteer_points_reversal on volunteer_points (case_id) where reason = 'report_reversal';
create unique index volunteer_points_service on volunteer_points (activity_id, volunteer_id) where reason = 'service';

-- earned points and hours per volunteer and month, written in the ledger's transaction: leaderboards of a
-- street over a year read at most twelve rows per volunteer instead of every ledger row
create table volunteer_points_monthly (
  volunteer_id integer not null references volunteers(id),
  month date not null,
  org_code text not null,
  points integer not null default 0,
  hours numeric(9, 2) not null default 0,
  primary key (volunteer_id, month)
);
create index volunteer_points_monthly_code on volunteer_points_monthly (org_code text_pattern_ops, month)
  include (volunteer_id, points, hours);
