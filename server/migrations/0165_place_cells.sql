-- Every report runs two probes for cases of its own category near it: the closings of the 30 days before it
-- that it makes recur (recurrence_closings, in the insert trigger) and the open cases it may repeat
-- (duplicates.ts); a case that closes runs a third, the first report in the 30 days after it (case_recurred_at).
-- 0164's GiST key held place and time but no category, so a probe walked ≈ 43 pages of the tree and fetched
-- every case of every category in its box from the table, then threw most away: at 5,000,000 cases a year
-- ≈ 1 ms a report, the largest part of intake's database time (docs/PERFORMANCE.md, "Place cells").
-- A probe is an equality and a range: the category, the place within a radius, a time window. A B-tree answers
-- that when the place is a cell number: the probe lists the cells its box touches (1–4 for the usual 50 m) and
-- scans (category, cell, time) once per cell, reading ≈ 10 pages and only cases of its category and window
-- (0.06 ms against 0.7–1.0 ms; a 5 km radius, the schema's largest, touches ≈ 2,800 cells and stays a few ms).
-- A cell is 1/500° (≈ 220 m north–south, ≈ 180 m east–west here): larger than the usual box, so most probes
-- read one or two cells; small enough that a cell holds a few cases of a category a month.
-- The exact tests (distance on the sphere, the window's bounds) stay after the index scan, as before.
-- B-tree builds are quick (≈ 10 s each at 5,000,000 cases) but still hold writes to cases while they run
-- (docs/OPERATIONS.md, "Index builds wait writes"); `if not exists` lets an operator build them beforehand
-- with `create index concurrently`.

-- The cell of a point: 500 columns and rows a degree, numbered from the south-west so that both fit one bigint.
create or replace function place_cell(location geometry) returns bigint
  language sql immutable parallel safe
  return (floor(st_x(location) * 500)::bigint + 100000) * 200000 + floor(st_y(location) * 500)::bigint + 100000;

-- The cells of the box around a point that holds every point within radius_m of it: metres a degree rounded down
-- (110,000) and the cosine taken a degree poleward (capped at 80°: no district lies nearer a pole), so the box
-- errs on the large side, as the probes' boxes of 0164 did.
create or replace function place_cells(loc geometry, radius_m integer) returns bigint[]
  language sql immutable parallel safe
  return (select array_agg((cx + 100000) * 200000 + cy + 100000)
          from generate_series(
                 floor((st_x(loc) - radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80)))) * 500)::bigint,
                 floor((st_x(loc) + radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80)))) * 500)::bigint) cx,
               generate_series(
                 floor((st_y(loc) - radius_m / 110000.0) * 500)::bigint,
                 floor((st_y(loc) + radius_m / 110000.0) * 500)::bigint) cy);

create index if not exists cases_recurrence_cell on cases (category_code, place_cell(location), reported_at)
  where location is not null and state <> 'rejected';
create index if not exists cases_recurrence_cell_closed on cases (category_code, place_cell(location), closed_at)
  where location is not null and state = 'closed';
create index if not exists cases_open_cell on cases (category_code, place_cell(location), reported_at)
  where location is not null and state not in ('closed', 'rejected');

-- The probes of 0164 on the cells. OFFSET 0 keeps the distance test out of the index scan's subquery, so the
-- planner never ANDs the cells with another index.
create or replace function case_recurred_at(case_id integer, loc geometry, cat text, closed timestamptz)
  returns timestamptz language sql stable parallel safe as $$
  select min(r.reported_at) from categories k,
    lateral (select r.id, r.reported_at, r.location from cases r
             where r.location is not null and r.state <> 'rejected' and r.category_code = cat
               and place_cell(r.location) = any(place_cells(loc, k.duplicate_radius_m))
               and r.reported_at > closed and r.reported_at <= closed + interval '30 days'
             offset 0) r
  where k.code = cat and loc is not null and closed is not null
    and r.id <> case_id
    and st_dwithin(r.location::geography, loc::geography, k.duplicate_radius_m)
$$;

create or replace function recurrence_closings(loc geometry, cat text, reported timestamptz)
  returns setof integer language sql stable parallel safe as $$
  select c.id from categories k,
    lateral (select c.id, c.location from cases c
             where c.location is not null and c.state = 'closed' and c.category_code = cat
               and place_cell(c.location) = any(place_cells(loc, k.duplicate_radius_m))
               and c.closed_at < reported and c.closed_at >= reported - interval '30 days'
             offset 0) c
  where k.code = cat and loc is not null
    and st_dwithin(c.location::geography, loc::geography, k.duplicate_radius_m)
$$;

drop index if exists cases_recurrence_key;
drop index if exists cases_recurrence_key_closed;
drop function if exists recurrence_key(geometry, timestamptz);
