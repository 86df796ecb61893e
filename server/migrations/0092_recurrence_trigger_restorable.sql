-- The recurrence trigger of 0090 compared two geometries with IS DISTINCT FROM in its WHEN clause. pg_restore
-- recreates triggers with an empty search_path, where PostGIS's `=` for geometry cannot be chosen ("operator is
-- not unique"), so a pg_dump of the database could not be restored. The same condition on the geometry's bytes
-- (a cast, which needs no search path) says the same: the point moved.
drop trigger cases_record_recurrence_change on cases;
create trigger cases_record_recurrence_change after update of state, closed_at, location, category_code, reported_at on cases
  for each row
  when (old.state is distinct from new.state or old.closed_at is distinct from new.closed_at
    or old.location::bytea is distinct from new.location::bytea or old.category_code is distinct from new.category_code
    or old.reported_at is distinct from new.reported_at)
  execute function record_recurrence();
