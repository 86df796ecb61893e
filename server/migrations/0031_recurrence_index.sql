-- 复发率 looks, for every case closed in a period, for a later report (within 30 days) of the same category
-- within the category's duplicate radius. On the location index alone each probe reads every case around the
-- place (≈ 80 at 1,000,000 cases in one district) and the planner adds the category's whole index (≈ 14,000
-- entries). This index answers the probe alone: one 3-D point per case — x shifted 400° east per category
-- number, so each category lies on a plane of its own, y the latitude, z the reporting time in days — and a
-- 3-D box holds exactly the same-category reports near the place in the 30 days (docs/supervision-scores.md).
-- Immutable although it reads a timestamptz: the epoch of an instant does not depend on the time zone.
create function recurrence_point(location geometry, category_code text, reported_at timestamptz) returns geometry
  language sql immutable parallel safe
  return st_makepoint(
    st_x(location) + (split_part(category_code, '.', 1)::int * 100
      + coalesce(nullif(split_part(category_code, '.', 2), ''), '0')::int) * 400.0,
    st_y(location),
    extract(epoch from reported_at)::float8 / 86400.0);

create index cases_recurrence_point on cases using gist (recurrence_point(location, category_code, reported_at) gist_geometry_ops_nd)
  where location is not null and state <> 'rejected';
