-- The recurrence probes (0165, 0166) read the last 30 days of a category's cases in a few cells, and a report
-- adds its entry at the end of its (category, cell): with the time last in the key, both land on pages spread
-- over the whole of 0165's two indexes. While the indexes fit in memory that costs nothing; once they do not
-- (20,000,000 cases over five years on 24 GB; modelled at 5,000,000 cases with as much memory per gigabyte,
-- docs/PERFORMANCE.md), every report read 1.4–1.7 index pages of the two from disk, a third of intake's reads.
-- Here the key begins with the 90-day span of the time (recurrence_span): what a probe or a report touches is the
-- newest span or two, a small and always-cached tail of each index, however long the history grows. A probe
-- walks the spans its 30-day window touches (one, or two when it straddles a boundary) per cell. The two spans
-- are a VALUES list, the second null when both are the same (an equality with null matches nothing), rather than
-- generate_series: the planner counts 1,000 rows for a generate_series of computed bounds, which made the
-- insert trigger's probe look like a 336,000-cost plan at 5,000,000 cases and had PostgreSQL JIT-compile it
-- (≈ 38 ms) for every single-row insert.
-- B-tree builds of 12–14 s each at 5,700,000 cases; they hold writes to cases while they run (docs/OPERATIONS.md,
-- "Index builds wait writes"); `if not exists` lets an operator build them beforehand with `create index
-- concurrently`.

-- 90-day spans counted from the epoch. The epoch of a timestamptz does not depend on the session's time zone,
-- so the function is immutable although extract() in general is not.
create or replace function recurrence_span(t timestamptz) returns integer
  language sql immutable parallel safe
  return floor(extract(epoch from t) / 7776000)::integer;

create index if not exists cases_recurrence_span_cell on cases
  (recurrence_span(reported_at), category_code, place_cell(location), reported_at)
  where location is not null and state <> 'rejected';
create index if not exists cases_recurrence_span_cell_closed on cases
  (recurrence_span(closed_at), category_code, place_cell(location), closed_at)
  where location is not null and state = 'closed';

create or replace function case_recurred_at(case_id integer, loc geometry, cat text, closed timestamptz)
  returns timestamptz language sql stable parallel safe as $$
  select min(r.reported_at) from categories k
    cross join lateral unnest(place_cells(loc, k.duplicate_radius_m)) as cell(n)
    cross join lateral (values (recurrence_span(closed)),
      (nullif(recurrence_span(closed + interval '30 days'), recurrence_span(closed)))) as span(s)
    cross join lateral (select r.id, r.reported_at, r.location from cases r
             where r.location is not null and r.state <> 'rejected'
               and recurrence_span(r.reported_at) = span.s and r.category_code = cat
               and place_cell(r.location) = cell.n
               and r.reported_at > closed and r.reported_at <= closed + interval '30 days'
             offset 0) r
  where k.code = cat and loc is not null and closed is not null
    and r.id <> case_id
    and st_dwithin(r.location::geography, loc::geography, k.duplicate_radius_m)
$$;

create or replace function recurrence_closings(loc geometry, cat text, reported timestamptz)
  returns setof integer language sql stable parallel safe as $$
  select c.id from categories k
    cross join lateral unnest(place_cells(loc, k.duplicate_radius_m)) as cell(n)
    cross join lateral (values (recurrence_span(reported - interval '30 days')),
      (nullif(recurrence_span(reported), recurrence_span(reported - interval '30 days')))) as span(s)
    cross join lateral (select c.id, c.location from cases c
             where c.location is not null and c.state = 'closed'
               and recurrence_span(c.closed_at) = span.s and c.category_code = cat
               and place_cell(c.location) = cell.n
               and c.closed_at < reported and c.closed_at >= reported - interval '30 days'
             offset 0) c
  where k.code = cat and loc is not null
    and st_dwithin(c.location::geography, loc::geography, k.duplicate_radius_m)
$$;

drop index if exists cases_recurrence_cell;
drop index if exists cases_recurrence_cell_closed;
