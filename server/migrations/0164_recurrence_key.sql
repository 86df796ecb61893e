-- The recurrence probes (0031, 0090) find same-category cases near a place in 30 days with one 3-D box. Their
-- point shifted x by 400° per category number (up to ≈ 520,000° for 13.00), but a GiST key of PostGIS holds its
-- coordinates as 4-byte floats: at that size a float steps by 1/64° to 1/32° (1.5–3 km), so a box meant to be
-- 100 m wide took a strip kilometres wide, and every report read the closings of its category in that strip
-- (≈ 13–100 at 5,000,000 cases a year, for ≈ 0.3 really near; docs/PERFORMANCE.md, "Intake at scale").
-- The key now keeps x and y as they are (a 4-byte float steps by < 1 m at these longitudes and latitudes) and
-- puts the category into z, 100,000 days apart, above the day number (days since 1970: < 100,000 until 2243).
-- z steps by up to 8 days for the categories in use (64 for 99.99), which only widens the 30-day window a
-- little; every probe still checks the category, the time window and the distance exactly.
-- Not a rewrite, but each index build holds writes to cases until it is done (docs/OPERATIONS.md, "Index builds
-- wait writes"); `if not exists` lets an operator build them beforehand with `create index concurrently`.
create function recurrence_key(location geometry, category_code text, at timestamptz) returns geometry
  language sql immutable parallel safe
  return st_makepoint(
    st_x(location),
    st_y(location),
    (split_part(category_code, '.', 1)::int * 100
      + coalesce(nullif(split_part(category_code, '.', 2), ''), '0')::int) * 100000.0
      + extract(epoch from at)::float8 / 86400.0);

create index if not exists cases_recurrence_key on cases
  using gist (recurrence_key(location, category_code, reported_at) gist_geometry_ops_nd)
  where location is not null and state <> 'rejected';
create index if not exists cases_recurrence_key_closed on cases
  using gist (recurrence_key(location, category_code, closed_at) gist_geometry_ops_nd)
  where location is not null and state = 'closed';

-- The same two probes as 0090, on the new key.
create or replace function case_recurred_at(case_id integer, loc geometry, cat text, closed timestamptz)
  returns timestamptz language sql stable parallel safe as $$
  select min(r.reported_at) from categories k,
    lateral (select r.id, r.category_code, r.reported_at, r.location from cases r
             where r.location is not null and r.state <> 'rejected'
               and recurrence_key(r.location, r.category_code, r.reported_at) &&& st_makeline(
                 recurrence_key(st_translate(loc, -k.duplicate_radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80))), -k.duplicate_radius_m / 110000.0), cat, closed),
                 recurrence_key(st_translate(loc, k.duplicate_radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80))), k.duplicate_radius_m / 110000.0), cat, closed + interval '30 days'))
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
               and recurrence_key(c.location, c.category_code, c.closed_at) &&& st_makeline(
                 recurrence_key(st_translate(loc, -k.duplicate_radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80))), -k.duplicate_radius_m / 110000.0), cat, reported - interval '30 days'),
                 recurrence_key(st_translate(loc, k.duplicate_radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80))), k.duplicate_radius_m / 110000.0), cat, reported))
             offset 0) c
  where k.code = cat and loc is not null
    and c.category_code = cat and c.closed_at < reported and c.closed_at >= reported - interval '30 days'
    and st_dwithin(c.location::geography, loc::geography, k.duplicate_radius_m)
$$;

drop index if exists cases_recurrence_point;
drop index if exists cases_recurrence_closed;
drop function recurrence_point(geometry, text, timestamptz);
