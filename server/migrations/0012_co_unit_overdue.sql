-- A co-handling unit called in by 吹哨 must report in (报到) by due_at. The overdue sweep flags each one that has
-- not by then, once (overdue_at), with a case event and notifications; the partial index keeps that search to
-- the co-units still awaited.
alter table case_co_units add column overdue_at timestamptz;
create index case_co_units_awaited on case_co_units (due_at) where reported_at is null and overdue_at is null;
