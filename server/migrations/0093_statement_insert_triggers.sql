-- The two triggers that run on every new case (0090 recurrence, 0091 rollups) ran once per row. Measured with
-- bench/case-insert-triggers.ts (docs/PERFORMANCE.md, "Triggers on the intake path"), the recurrence trigger
-- made an inserted case cost 0.41 ms instead of 0.05 ms in a batch of 1,000: the probe is a set-returning SQL
-- function, planned again for every row. The intake writes concurrent reports in one statement
-- (cases/commands/write-reports.ts), so both triggers now run once per statement over its new rows (a
-- transition table): one plan, one set-based probe. What they record is unchanged; updates and deletes keep
-- their row triggers.

drop trigger cases_record_recurrence on cases;

create function record_recurrence_inserted() returns trigger language plpgsql as $$
declare
  ids integer[];
begin
  -- the new cases that are closings themselves (an import of history), and the closings the new reports recur
  ids := array(
    select n.id from new_cases n where n.state = 'closed'
    union
    select r.id from new_cases n cross join lateral recurrence_closings(n.location, n.category_code, n.reported_at) r(id)
    where n.state <> 'rejected' and n.location is not null);
  if cardinality(ids) > 0 then
    perform refresh_recurrence(ids);
  end if;
  return null;
end
$$;

create trigger cases_record_recurrence after insert on cases
  referencing new table as new_cases
  for each statement execute function record_recurrence_inserted();

drop trigger cases_rollup_dirty_insert on cases;

create function mark_inserted_cases_rollup_dirty() returns trigger language plpgsql as $$
declare
  -- the clock, not the transaction's start: a day is closed five minutes after it ends (rollup-sweep.ts)
  today date := district_day(clock_timestamp());
begin
  -- today's reports (all of the intake's) mark nothing: only an insert into a past day can change a closed one
  insert into case_rollup_dirty (day, org_key)
  select distinct d.day, d.org_key
  from (select unnest(case_rollup_days(n)) as day, left(n.org_code, 12) as org_key from new_cases n) d
  where d.day < today;
  return null;
end
$$;

create trigger cases_rollup_dirty_insert after insert on cases
  referencing new table as new_cases
  for each statement execute function mark_inserted_cases_rollup_dirty();

create trigger cases_rollup_dirty_delete after delete on cases
  for each row execute function mark_case_rollup_dirty();
