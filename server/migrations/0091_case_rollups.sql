-- Daily KPI rollups (docs/kpis.md, "Rollups"): the counts of docs/kpis.md per district day × community (the
-- org code cut to 12 characters, or the shorter code of a case outside every grid) × unit × first unit ×
-- category, so a district's or a street's KPIs read a few thousand small rows instead of every case of the
-- period. A row of day D counts each case by the day of each of its KPI timestamps (reported, dispatched, due
-- to dispose, due to close, closed, rated); `late_day` keeps the day of a disposal, closing or response that
-- came on a later day than the due day, because whether it counts depends on the end of the queried period.
--
-- Rows exist only for closed days (through case_rollup_state.closed_through). A case changed after its day
-- was closed marks the (day, community) pairs of its old and new timestamps in case_rollup_dirty (insert only:
-- no counter row is updated in the request transaction, so 1,000 reports/s never queue on one row); the
-- rollup sweep recomputes them. A query counts stored rows of clean days and computes the rest live (days not
-- closed yet, dirty days): the answer is always that of the raw cases as of the query.

-- The district day (UTC+8, no daylight saving) of an instant; immutable, unlike AT TIME ZONE with a name.
create function district_day(t timestamptz) returns date language sql immutable parallel safe
  return date '1970-01-01' + floor((extract(epoch from t) + 28800) / 86400)::int;

create table case_rollups (
  day date not null,
  org_key text not null,
  unit_id integer,
  first_unit_id integer,
  category_code text not null,
  late_day date,
  dispose_due integer not null,
  disposed integer not null,
  disposed_on_time integer not null,
  close_due integer not null,
  closed_due integer not null,
  closed_on_time integer not null,
  closed_in integer not null,
  resolved integer not null,
  recurred integer not null,
  checked integer not null,
  reworked integer not null,
  closed_dispatched integer not null,
  accurate integer not null,
  dispatched integer not null,
  returned integer not null,
  extended integer not null,
  dispatch_judged integer not null,
  dispatched_on_time integer not null,
  rated integer not null,
  satisfied integer not null,
  reported integer not null,
  responded integer not null,
  decided integer not null,
  valid integer not null,
  missed integer not null,
  -- handling_minutes of the cases closed that day: the median is not a sum, so the values themselves
  handling integer[]
);
create index case_rollups_day_org on case_rollups (day, org_key text_pattern_ops);

-- One row: the last day whose rollup rows are complete (null until the first sweep).
create table case_rollup_state (
  id boolean primary key default true check (id),
  closed_through date
);
insert into case_rollup_state (id, closed_through) values (true, null);

create table case_rollup_dirty (
  day date not null,
  org_key text not null
);
create index case_rollup_dirty_day on case_rollup_dirty (day, org_key);

-- The days a case is counted on (any may be null).
create function case_rollup_days(c cases) returns date[] language sql immutable parallel safe
  return array[district_day(c.reported_at), district_day(c.dispatched_at),
    district_day(least(c.disposed_at, c.deadline_at)),
    district_day(least(case when c.state = 'closed' then c.closed_at end, c.deadline_at)),
    district_day(c.closed_at), district_day(c.rated_at)];

create function mark_case_rollup_dirty() returns trigger language plpgsql as $$
declare
  -- the clock, not the transaction's start: a day is closed five minutes after it ends (rollup-sweep.ts)
  today date := district_day(clock_timestamp());
begin
  insert into case_rollup_dirty (day, org_key)
  select distinct d.day, d.org_key from (
    select unnest(case_rollup_days(new)) as day, left(new.org_code, 12) as org_key where tg_op <> 'DELETE'
    union all
    select unnest(case_rollup_days(old)), left(old.org_code, 12) where tg_op <> 'INSERT'
  ) d
  where d.day < today;
  return null;
end
$$;

create trigger cases_rollup_dirty_insert after insert or delete on cases
  for each row execute function mark_case_rollup_dirty();
-- only changes of what a count reads (not the escalation sweep's or the stage light's bookkeeping)
create trigger cases_rollup_dirty_update after update on cases
  for each row
  when ((old.state, old.org_code, old.unit_id, old.first_unit_id, old.category_code, old.source, old.reported_at,
         old.filed_at, old.dispatched_at, old.deadline_at, old.disposed_at, old.closed_at, old.rejected_at,
         old.rated_at, old.rating, old.reopen_count, old.recurred_at, old.handling_minutes, old.c_valid,
         old.c_intime_dispatch, old.c_accurate_dispatch, old.c_disposed, old.c_intime_dispose, old.c_checked,
         old.c_rework, old.c_returned, old.c_extended, old.c_intime_close)
    is distinct from
        (new.state, new.org_code, new.unit_id, new.first_unit_id, new.category_code, new.source, new.reported_at,
         new.filed_at, new.dispatched_at, new.deadline_at, new.disposed_at, new.closed_at, new.rejected_at,
         new.rated_at, new.rating, new.reopen_count, new.recurred_at, new.handling_minutes, new.c_valid,
         new.c_intime_dispatch, new.c_accurate_dispatch, new.c_disposed, new.c_intime_dispose, new.c_checked,
         new.c_rework, new.c_returned, new.c_extended, new.c_intime_close))
  execute function mark_case_rollup_dirty();
