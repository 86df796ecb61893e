-- Five-star branches (五星支部, docs/five-star.md): yearly standards per district and scope, one assessment per
-- community (its party branch) and year, the answers per item with the street's review, evidence photos,
-- an append-only event history (submitted, reviewed, returned, decided, vetoed) and per-street targets.

-- A standard is one document per district, year and scope: stars in order, each with its items
-- ({key, title, kind: pass|score|threshold|veto, min?, max?, threshold?, metric?}). Saved whole by district staff.
create table five_star_standards (
  id integer generated always as identity primary key,
  district_code text not null check (district_code ~ '^[0-9]{6}$'),
  year integer not null check (year between 2000 and 2100),
  scope text not null check (scope in ('urban', 'rural')),
  stars jsonb not null,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now(),
  unique (district_code, year, scope)
);

create table five_star_assessments (
  id integer generated always as identity primary key,
  org_code text not null check (org_code ~ '^[0-9]{12}$'),
  year integer not null check (year between 2000 and 2100),
  scope text not null check (scope in ('urban', 'rural')),
  state text not null default 'draft'
    check (state in ('draft', 'submitted', 'returned', 'reviewed', 'decided')),
  -- the stars held now: set by the district decision, reduced by veto events
  stars text[] not null default '{}',
  version integer not null default 1,
  submitted_at timestamptz,
  reviewed_at timestamptz,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  unique (org_code, year)
);
create index five_star_assessments_year on five_star_assessments (year, org_code text_pattern_ops);

-- One answer per item: what the community claims (value or passed), its evidence, and the street's review.
create table five_star_answers (
  assessment_id integer not null references five_star_assessments(id),
  item_key text not null check (item_key ~ '^[a-z0-9_-]{1,40}$'),
  value numeric,
  passed boolean,
  evidence text not null default '' check (length(evidence) <= 2000),
  -- true when the value was filled in from a platform metric rather than typed
  computed boolean not null default false,
  review text check (review in ('accepted', 'returned')),
  review_reason text check (length(review_reason) <= 500),
  primary key (assessment_id, item_key)
);

create table five_star_photos (
  id uuid primary key,
  assessment_id integer not null references five_star_assessments(id),
  item_key text not null,
  mime text not null,
  bytes integer not null,
  width integer,
  height integer,
  created_at timestamptz not null default now()
);
create index five_star_photos_item on five_star_photos (assessment_id, item_key);

create table five_star_events (
  id integer generated always as identity primary key,
  assessment_id integer not null references five_star_assessments(id),
  kind text not null check (kind in ('submitted', 'reviewed', 'returned', 'decided', 'vetoed')),
  actor_id uuid references users(id),
  reason text check (length(reason) <= 500),
  -- the stars held after the event (decided, vetoed) and, for a veto, the day it took effect
  stars text[],
  effective_on date,
  at timestamptz not null default now()
);
create index five_star_events_assessment on five_star_events (assessment_id, id);

-- How many branches of a street should reach each star count in a year (e.g. 5 stars: 3, 4 stars: 6).
create table five_star_targets (
  street_code text not null check (street_code ~ '^[0-9]{9}$'),
  year integer not null check (year between 2000 and 2100),
  stars integer not null check (stars between 1 and 5),
  branches integer not null check (branches between 0 and 10000),
  primary key (street_code, year, stars)
);
