-- 复发率 counts a closing as recurred when a report of the same problem comes within 30 days after it
-- (RECURRENCE_DAYS, 0090). Until now a recurrence recorded on a closed day made that (day, community) dirty like
-- any other change, so the rollup sweep recomputed the whole pair for one flag: at a sustained 1,000 reports/s
-- nearly every pair of the last month was dirty again at each pass, 28 % of the database's time at 20,000,000
-- cases (docs/PERFORMANCE.md). Now a closing's recurrence **settles**: 31 days after its day (the last report
-- that can make it recur came on the 30th) it can no longer change but by a rare correction.
--
-- * case_rollup_state.settled_through: the stored rows and summaries count recurrences only up to this day;
--   the sweep moves it on by recomputing each day once it has settled (refresh-rollups.ts).
-- * A recurrence on a day not yet settled by the clock marks nothing: a query counts the recurrences of the days
--   after settled_through live, from cases_recurred_closed below (a few tens of thousands of entries a month at
--   20,000,000 cases). On a settled day it still marks the pair dirty (a report rejected months later).
-- * Only whether a closing recurred counts, not when: a recurrence moved earlier (0161) marks nothing.
-- An index build, no table rewritten.

alter table case_rollup_state add column settled_through date;
-- what is stored today is exact (every recurrence marked its day until now): the settled days keep it
update case_rollup_state set settled_through = least(closed_through, district_day(now()) - 31)
  where closed_through is not null;

drop trigger cases_rollup_dirty_update on cases;
-- every change of what a count reads but the recurrence (below)
create trigger cases_rollup_dirty_update after update on cases
  for each row
  when ((old.state, old.org_code, old.unit_id, old.first_unit_id, old.category_code, old.source, old.reported_at,
         old.filed_at, old.dispatched_at, old.deadline_at, old.disposed_at, old.closed_at, old.rejected_at,
         old.rated_at, old.rating, old.reopen_count, old.handling_minutes, old.c_valid,
         old.c_intime_dispatch, old.c_accurate_dispatch, old.c_disposed, old.c_intime_dispose, old.c_checked,
         old.c_rework, old.c_returned, old.c_extended, old.c_intime_close)
    is distinct from
        (new.state, new.org_code, new.unit_id, new.first_unit_id, new.category_code, new.source, new.reported_at,
         new.filed_at, new.dispatched_at, new.deadline_at, new.disposed_at, new.closed_at, new.rejected_at,
         new.rated_at, new.rating, new.reopen_count, new.handling_minutes, new.c_valid,
         new.c_intime_dispatch, new.c_accurate_dispatch, new.c_disposed, new.c_intime_dispose, new.c_checked,
         new.c_rework, new.c_returned, new.c_extended, new.c_intime_close))
  execute function mark_case_rollup_dirty();

-- A closing that starts or stops counting as recurred marks its closing day only if that day has settled by
-- the clock (31 days ago or earlier); the sweep settles a day only five minutes after the clock has, so no
-- transaction that skipped marking it is still writing (the rule that closes days, 0091).
create function mark_settled_recurrence_dirty() returns trigger language plpgsql as $$
declare
  settled date := district_day(clock_timestamp()) - 31;
begin
  insert into case_rollup_dirty (day, org_key)
  select distinct d.day, d.org_key from (
    select district_day(old.closed_at) as day, left(old.org_code, 12) as org_key where old.state = 'closed'
    union all
    select district_day(new.closed_at), left(new.org_code, 12) where new.state = 'closed'
  ) d
  where d.day <= settled;
  return null;
end
$$;

create trigger cases_rollup_recurred_update after update on cases
  for each row
  when ((old.recurred_at is null) <> (new.recurred_at is null))
  execute function mark_settled_recurrence_dirty();

-- the recurred closings by closing time and org, with what a count filters and groups them by
create index if not exists cases_recurred_closed on cases (closed_at, org_code text_pattern_ops)
  include (id, unit_id) where recurred_at is not null and state = 'closed';
