-- The rectification list is read earliest deadline first, a page at a time: these indexes give that order
-- directly, for the working list (rows not struck off), for all rows, and for one unit's rows, so a page
-- reads its 50 rows and stops (bench/rectifications.ts; docs/PERFORMANCE.md).
create index rectifications_open_deadline on rectifications (deadline_on, id) where struck_off_at is null;
create index rectifications_deadline on rectifications (deadline_on, id);
drop index rectifications_unit;
create index rectifications_unit_deadline on rectifications (unit_id, deadline_on, id);
drop index rectifications_district;
