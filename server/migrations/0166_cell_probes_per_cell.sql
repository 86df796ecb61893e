-- 0165's probes asked for `place_cell(location) = any(place_cells(point, radius))`. The planner may take that
-- array into the index scan (one descent per cell) or leave it as a filter on every entry of the category's
-- window, and it leaves it when the window looks small: on a young district's table (20,000 cases) it did, and
-- the filter then evaluated place_cells — a SQL function with two generate_series — once per entry, ≈ 16 µs
-- each: ≈ 1 ms a report for the recurrence probe's 60-odd entries, and more for the duplicate search once a
-- busy week's open cases fill its window (docs/PERFORMANCE.md, "One probe per cell").
-- Here the cells are unnested first and each one is probed with an equality, which the B-tree always takes as
-- an index condition: the cells are computed once per probe, whatever the table's size.

create or replace function case_recurred_at(case_id integer, loc geometry, cat text, closed timestamptz)
  returns timestamptz language sql stable parallel safe as $$
  select min(r.reported_at) from categories k
    cross join lateral unnest(place_cells(loc, k.duplicate_radius_m)) as cell(n)
    cross join lateral (select r.id, r.reported_at, r.location from cases r
             where r.location is not null and r.state <> 'rejected' and r.category_code = cat
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
    cross join lateral (select c.id, c.location from cases c
             where c.location is not null and c.state = 'closed' and c.category_code = cat
               and place_cell(c.location) = cell.n
               and c.closed_at < reported and c.closed_at >= reported - interval '30 days'
             offset 0) c
  where k.code = cat and loc is not null
    and st_dwithin(c.location::geography, loc::geography, k.duplicate_radius_m)
$$;
