-- Door-to-door visits (入户大走访, issue 11). A grid worker visits a household (in person, by phone or
-- otherwise), checks in where they stand, writes notes and records the needs heard. Each need is resolved on
-- the spot or becomes a case (source `visit`, through the common intake); its reply to the resident is
-- recorded, so 件件有回音 is measurable. `org_code` is the household's grid code at the time of the visit:
-- scope checks and coverage by grid, community and street are prefix tests on it.
create table visits (
  id integer generated always as identity primary key,
  household_id integer not null references households(id),
  org_code text not null check (org_code ~ '^[0-9]{15}$'),
  visitor_id uuid not null references users(id),
  kind text not null check (kind in ('home', 'phone', 'other')),
  visited_at timestamptz not null,
  -- where the visitor checked in, and how far that was from the household's building
  checkin_lng double precision check (checkin_lng between -180 and 180),
  checkin_lat double precision check (checkin_lat between -90 and 90),
  distance_m integer check (distance_m >= 0),
  far boolean not null default false,
  notes text check (length(notes) <= 1000),
  -- the phone's key for the visit: a visit sent again from the offline outbox is written once
  client_key uuid unique,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  check ((checkin_lng is null) = (checkin_lat is null))
);
-- coverage: the households visited under an org code in a period, read from the index alone
create index visits_code_at on visits (org_code text_pattern_ops, visited_at) include (household_id);
create index visits_household_at on visits (household_id, visited_at desc);

create table visit_needs (
  id integer generated always as identity primary key,
  visit_id integer not null references visits(id),
  household_id integer not null references households(id),
  org_code text not null check (org_code ~ '^[0-9]{15}$'),
  description text not null check (length(description) between 2 and 500),
  outcome text not null check (outcome in ('resolved', 'case')),
  -- resolved on the spot: what was done, and that is the reply
  resolution text check (length(resolution) <= 500),
  case_id integer references cases(id),
  -- the date told to the resident by which they hear back
  reply_due_at timestamptz,
  replied_at timestamptz,
  reply_note text check (length(reply_note) <= 500),
  replied_by uuid references users(id),
  created_at timestamptz not null default now(),
  check ((outcome = 'case') = (case_id is not null)),
  check (outcome = 'case' or (resolution is not null and replied_at is not null))
);
create index visit_needs_visit on visit_needs (visit_id);
create index visit_needs_case on visit_needs (case_id) where case_id is not null;
create index visit_needs_code on visit_needs (org_code text_pattern_ops, created_at);
create index visit_needs_awaiting on visit_needs (org_code text_pattern_ops) where replied_at is null;
