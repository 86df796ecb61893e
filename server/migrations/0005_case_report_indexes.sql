-- Case reports: indexes for period KPIs and the list's deadline order.
--
-- A KPI over a period reads every case of an org subtree that was reported, dispatched, fell due, was
-- disposed, closed or rated in it. Each index below is a range scan over one timestamp whose org-code prefix
-- test is checked inside the index, so the OR of the six scans is a bitmap of exactly the subtree's cases of
-- the period (a street's month: ~4,500 of 1M) and only those heap rows are read. With single-column indexes
-- the bitmap held the whole district's month and had to be ANDed with the subtree's ~100,000 entries of
-- cases_org_state; with none, a street's month read every case of the street. Measured in docs/kpis.md.
create index cases_reported_org on cases (reported_at, org_code text_pattern_ops);
create index cases_dispatched_org on cases (dispatched_at, org_code text_pattern_ops) where dispatched_at is not null;
create index cases_disposed_org on cases (disposed_at, org_code text_pattern_ops) where disposed_at is not null;
create index cases_closed_org on cases (closed_at, org_code text_pattern_ops) where closed_at is not null;
create index cases_rated_org on cases (rated_at, org_code text_pattern_ops) where rated_at is not null;
-- not partial: it also gives the list's `sort=deadline_at` order (nulls last), with id as an incremental sort
create index cases_deadline_org on cases (deadline_at, org_code text_pattern_ops);
-- A unit's KPIs count the cases it holds or was first sent (returns): with this beside cases_unit_state the
-- unit's few thousand cases are one BitmapOr, ANDed with the period's bitmap above.
create index cases_first_unit on cases (first_unit_id) where first_unit_id is not null;
