-- The KPI queries find a period's cases as the union of the ids in six (timestamp, area) range scans
-- (case-reports/kpis.ts). With the id in the index those scans are index-only: a street's month is then
-- about 11,000 ids from the indexes instead of every case of the street from the table.
drop index cases_reported_org;
create index cases_reported_org on cases (reported_at, org_code text_pattern_ops) include (id);
drop index cases_dispatched_org;
create index cases_dispatched_org on cases (dispatched_at, org_code text_pattern_ops) include (id)
  where dispatched_at is not null;
drop index cases_disposed_org;
create index cases_disposed_org on cases (disposed_at, org_code text_pattern_ops) include (id)
  where disposed_at is not null;
drop index cases_closed_org;
create index cases_closed_org on cases (closed_at, org_code text_pattern_ops) include (id) where closed_at is not null;
drop index cases_rated_org;
create index cases_rated_org on cases (rated_at, org_code text_pattern_ops) include (id) where rated_at is not null;
drop index cases_deadline_org;
create index cases_deadline_org on cases (deadline_at, org_code text_pattern_ops) include (id);
