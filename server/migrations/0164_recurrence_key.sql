-- The recurrence probes (0031, 0090) find same-category cases near a place in 30 days with one 3-D box. Their
-- point shifted x by 400° per category number (up to ≈ 520,000° for 13.00), but a GiST key of PostGIS holds its
-- coordinates as 4-byte floats: at that size a float steps by 1/64° to 1/32° (1.5–3 km), so a box meant to be
-- 100 m wide took a strip kilometres wide; and z counted days, so the tree split a category's cases by time far
-- more than by place. At 5,000,000 cases a year a probe read ≈ 108 pages for ≈ 16 candidates and 0.35 real
-- closings (docs/PERFORMANCE.md, "The recurrence key").
-- The key now keeps x and y as they are (a 4-byte float steps by < 1 m here) and counts time in units of 30,000
-- days, so the probe's box is about as long in time (30 days = 0.001) as it is wide (100 m ≈ 0.001°) and the tree
-- splits by both. It leaves the category out: a category number cannot share a 4-byte coordinate with the place
-- without the precision loss above, and PostGIS's 4-D boxes measured worse (150 pages a probe). A probe now reads
-- ≈ 43 pages for ≈ 24 candidates of every category there, and checks the category, the time window and the
-- distance exactly, as before.
-- Not a rewrite, but each index build holds writes to cases until it is done (≈ 50 s each at 5,000,000 cases;
-- docs/OPERATIONS.md, "Index builds wait writes"); `if not exists` lets an operator build them beforehand with
-- `create index concurrently`.
create or replace function recurrence_key(location geometry, at timestamptz) returns geometry
  language sql immutable parallel safe
  return st_makepoint(st_x(location), st_y(location), extract(epoch from at)::float8 / 86400.0 / 30000.0);

create index if not exists cases_recurrence_key on cases
  using gist (recurrence_key(location, reported_at) gist_geometry_ops_nd)
  where location is not null and state <> 'rejected';
create index if not exists cases_recurrence_key_closed on cases
  using gist (recurrence_key(location, closed_at) gist_geometry_ops_nd)
  where location is not null and state = 'closed';

-- The same two probes as 0090, on the new key.
create or replace function case_recurred_at(case_id integer, loc geometry, cat text, closed timestamptz)
  returns timestamptz language sql stable parallel safe as $$
  select min(r.reported_at) from categories k,
    lateral (select r.id, r.category_code, r.reported_at, r.location from cases r
             where r.location is not null and r.state <> 'rejected'
               and recurrence_key(r.location, r.reported_at) &&& st_makeline(
                 recurrence_key(st_translate(loc, -k.duplicate_radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80))), -k.duplicate_radius_m / 110000.0), closed),
                 recurrence_key(st_translate(loc, k.duplicate_radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80))), k.duplicate_radius_m / 110000.0), closed + interval '30 days'))
             offset 0) r
  where k.code = cat and loc is not null and closed is not null
    and r.category_code = cat and r.id <> case_id
    and r.reported_at > closed and r.reported_at <= closed + interval '30 days'
    and st_dwithin(r.location::geography, loc::geography, k.duplicate_radius_m)
$$;

create or replace function recurrence_closings(loc geometry, cat text, reported timestamptz)
  returns setof integer language sql stable parallel safe as $$
  select c.id from categories k,
    lateral (select c.id, c.category_code, c.closed_at, c.location from cases c
             where c.location is not null and c.state = 'closed'
               and recurrence_key(c.location, c.closed_at) &&& st_makeline(
                 recurrence_key(st_translate(loc, -k.duplicate_radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80))), -k.duplicate_radius_m / 110000.0), reported - interval '30 days'),
                 recurrence_key(st_translate(loc, k.duplicate_radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80))), k.duplicate_radius_m / 110000.0), reported))
             offset 0) c
  where k.code = cat and loc is not null
    and c.category_code = cat and c.closed_at < reported and c.closed_at >= reported - interval '30 days'
    and st_dwithin(c.location::geography, loc::geography, k.duplicate_radius_m)
$$;

drop index if exists cases_recurrence_point;
drop index if exists cases_recurrence_closed;
drop function if exists recurrence_point(geometry, text, timestamptz);
