-- A new report recurs the closings of the 30 days before it within its category's radius (0090). It used to
-- recompute each of those closings from all of its reports (case_recurred_at): at 5,000,000 cases a year a
-- report has ≈ 100 closings nearby and each has ≈ 100 reports, ≈ 8 ms of PostgreSQL per report, which capped
-- intake at ≈ 300 reports/s (docs/PERFORMANCE.md). A closing's recurrence is the earliest qualifying report
-- (case_recurred_at = min(reported_at)), so an added report can only set it where it is unset or later: the
-- same value, without the second probe. New cases that are closings themselves (an import of history) are
-- still computed in full, after it. Updates keep the per-row trigger of 0092.

create or replace function record_recurrence_inserted() returns trigger language plpgsql as $$
declare
  closings integer[];
begin
  update cases c set recurred_at = r.at
  from (select x.id, min(n.reported_at) as at
        from new_cases n cross join lateral recurrence_closings(n.location, n.category_code, n.reported_at) x(id)
        where n.state <> 'rejected' and n.location is not null
        group by x.id) r
  where c.id = r.id and (c.recurred_at is null or c.recurred_at > r.at);
  closings := array(select n.id from new_cases n where n.state = 'closed');
  if cardinality(closings) > 0 then
    perform refresh_recurrence(closings);
  end if;
  return null;
end
$$;
