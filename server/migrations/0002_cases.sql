-- Cases: taxonomy, calendar, cases, their events, photos, followers, co-handling units, extensions, notifications.

-- Key/value settings editable by administrators (working hours, rating window, …).
create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- Two-level case taxonomy (PRODUCT §4): TT top level, TT.SS sub-category.
create table categories (
  code text primary key check (code ~ '^[0-9]{2}(\.[0-9]{2})?$'),
  parent_code text references categories(code),
  name_zh text not null,
  name_en text not null,
  gb_code text,
  -- 测评 bucket: facility 设施, management 管理, conduct 素质, publicity 宣传
  bucket text check (bucket is null or bucket in ('facility', 'management', 'conduct', 'publicity')),
  owner_unit_type text,
  -- {"normal": {"value": 4, "unit": "hour"}, "urgent": {...}, "critical": {...}}
  limits jsonb not null default '{}',
  duplicate_radius_m integer not null default 50 check (duplicate_radius_m between 0 and 5000),
  -- [{code, labelZh, labelEn, type: text|number|single|multiple, required, options: [{value, labelZh, labelEn}]}]
  questions jsonb not null default '[]',
  keywords text[] not null default '{}',
  inspection_points text[] not null default '{}',
  filing_criteria text,
  closing_criteria text,
  is_care_alert boolean not null default false,
  active boolean not null default true,
  sort integer not null default 0,
  updated_at timestamptz not null default now(),
  check ((length(code) = 2) = (parent_code is null))
);

-- Administrator overrides of the holiday calendar (the package's list is the default).
create table calendar_overrides (
  day date primary key,
  is_workday boolean not null,
  note text,
  updated_at timestamptz not null default now()
);

create table cases (
  id integer generated always as identity primary key,
  tracking_code text not null unique,
  source text not null check (source in ('grid_patrol', 'resident', 'visit', 'morning_inspection', 'undercover',
    'supervision', 'mock_evaluation', 'hotline', 'leader', 'media', 'device', 'api')),
  category_code text not null references categories(code),
  urgency text not null default 'normal' check (urgency in ('normal', 'urgent', 'critical')),
  state text not null check (state in ('reported', 'verifying', 'filed', 'dispatched', 'pending_check', 'closed',
    'rejected', 'suspended')),
  suspended_from text check (suspended_from is null or suspended_from in ('reported', 'verifying', 'filed', 'dispatched', 'pending_check')),
  description text not null check (length(description) between 1 and 4000),
  answers jsonb not null default '{}',
  address text,
  location geometry(Point, 4326),
  grid_id integer references org_nodes(id),
  -- the most specific org code known: the grid's, or the district's for a report outside every grid (triage)
  org_code text not null,
  reporter_id uuid references users(id),
  reporter_name text,
  reporter_phone_enc text,
  unit_id integer references units(id),
  first_unit_id integer references units(id),
  master_case_id integer references cases(id),
  reject_reason text,
  supervision text check (supervision is null or supervision in ('normal', 'yellow', 'red')),
  reopen_count integer not null default 0,
  check_passed boolean not null default false,
  rating text check (rating is null or rating in ('satisfied', 'basic', 'dissatisfied')),
  rating_comment text,
  reported_at timestamptz not null default now(),
  filed_at timestamptz,
  dispatched_at timestamptz,
  signed_at timestamptz,
  disposed_at timestamptz,
  checked_at timestamptz,
  closed_at timestamptz,
  rejected_at timestamptz,
  rated_at timestamptz,
  -- disposal deadline for the unit, and the deadline of whatever stage the case is in now
  deadline_at timestamptz,
  stage text,
  stage_started_at timestamptz,
  stage_deadline_at timestamptz,
  reply_deadline_at timestamptz,
  escalation_level integer not null default 0,
  escalated_at timestamptz,
  -- per-case counters written at transitions, so that every KPI is a SUM over cases
  c_valid smallint,
  c_intime_dispatch smallint,
  c_accurate_dispatch smallint,
  c_disposed smallint not null default 0,
  c_intime_dispose smallint,
  c_checked smallint not null default 0,
  c_rework integer not null default 0,
  c_returned integer not null default 0,
  c_extended integer not null default 0,
  c_intime_close smallint,
  handling_minutes integer,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index cases_location_gix on cases using gist (location);
create index cases_org_state on cases (org_code text_pattern_ops, state);
create index cases_state_reported on cases (state, reported_at desc, id desc);
create index cases_reported on cases (reported_at desc, id desc);
create index cases_unit_state on cases (unit_id, state);
create index cases_category on cases (category_code);
create index cases_stage_deadline on cases (stage_deadline_at) where stage_deadline_at is not null;
create index cases_reporter on cases (reporter_id);

create table case_events (
  id integer generated always as identity primary key,
  case_id integer not null references cases(id),
  at timestamptz not null default now(),
  actor_id uuid references users(id),
  actor_role text,
  action text not null,
  from_state text,
  to_state text not null,
  reason text,
  data jsonb not null default '{}',
  -- visible to the resident on the tracking page
  public boolean not null default true
);
create index case_events_case on case_events (case_id, id);

create table case_photos (
  id uuid primary key default gen_random_uuid(),
  case_id integer not null references cases(id),
  event_id integer references case_events(id),
  kind text not null check (kind in ('report', 'before', 'after', 'feedback', 'check')),
  mime text not null,
  bytes integer not null,
  width integer,
  height integer,
  created_at timestamptz not null default now()
);
create index case_photos_case on case_photos (case_id);

create table case_followers (
  case_id integer not null references cases(id),
  user_id uuid not null references users(id),
  created_at timestamptz not null default now(),
  primary key (case_id, user_id)
);

-- 吹哨: co-handling units that must report in (报到) by a deadline.
create table case_co_units (
  case_id integer not null references cases(id),
  unit_id integer not null references units(id),
  requested_at timestamptz not null default now(),
  due_at timestamptz not null,
  reported_at timestamptz,
  primary key (case_id, unit_id)
);

create table case_extensions (
  id integer generated always as identity primary key,
  case_id integer not null references cases(id),
  requested_by uuid references users(id),
  requested_at timestamptz not null default now(),
  new_deadline_at timestamptz not null,
  reason text not null,
  decided_by uuid references users(id),
  decided_at timestamptz,
  approved boolean
);
create unique index case_extensions_open on case_extensions (case_id) where decided_at is null;

-- A retried report with the same key returns the first case instead of creating a second one.
create table idempotency_keys (
  scope text not null,
  key text not null,
  case_id integer not null references cases(id),
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

-- In-app notifications (the inbox); SSE streams new rows to the user.
create table notifications (
  id integer generated always as identity primary key,
  user_id uuid not null references users(id) on delete cascade,
  case_id integer references cases(id),
  event_id integer references case_events(id),
  kind text not null,
  title text not null,
  body text,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_user on notifications (user_id, id desc);

create table webhooks (
  id integer generated always as identity primary key,
  owner_user_id uuid references users(id) on delete cascade,
  unit_id integer references units(id),
  org_code text,
  url text not null,
  format text not null default 'json' check (format in ('json', 'wecom', 'dingtalk')),
  secret text not null,
  actions text[] not null default '{}',
  active boolean not null default true,
  created_at timestamptz not null default now()
);

create table webhook_deliveries (
  id integer generated always as identity primary key,
  webhook_id integer not null references webhooks(id) on delete cascade,
  event_id integer not null references case_events(id),
  attempt integer not null default 0,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  next_at timestamptz not null default now(),
  last_status_code integer,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz not null default now()
);
create index webhook_deliveries_due on webhook_deliveries (next_at) where status = 'pending';
