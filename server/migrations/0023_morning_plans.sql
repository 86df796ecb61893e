-- The standing 晨查 plan: one row per district and district day, inserted by the process that plans that
-- day's morning inspections in the same transaction as the inspections themselves. The primary key makes the
-- plan exactly-once across server processes: a second process waits on the key, then finds it taken.
create table morning_plans (
  district_id integer not null references org_nodes(id),
  day date not null,
  inspections integer not null default 0,
  created_at timestamptz not null default now(),
  primary key (district_id, day)
);
